from django.apps import AppConfig


class DialoguesConfig(AppConfig):
    name = "gandan.dialogues"
    label = "dialogues"
    verbose_name = "Dialogues"
