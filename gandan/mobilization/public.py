"""(being written: the public showcase of recognised models)"""

urlpatterns: list = []
