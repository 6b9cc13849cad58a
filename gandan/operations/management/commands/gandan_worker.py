"""`gandan worker` (= `gandan gandan_worker`): run background tasks until stopped, with a heartbeat, the recovery of
what a dead worker left, and the schedule (gandan.operations.worker, docs/worker.md). Takes django-tasks-db's
`db_worker` options (--queue-name, --interval, --batch, --max-tasks, --worker-id...), never its --reload."""

from django_tasks_db.management.commands import db_worker

from gandan.operations.worker import GandanWorker, new_worker_id


class Command(db_worker.Command):
    help = "Run the background task worker (heartbeat, recovery of interrupted tasks, schedule)."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=None, reload=False)

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = GandanWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id or new_worker_id(),
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        worker.run()
