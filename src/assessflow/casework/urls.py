from django.urls import path

from . import letter_views, task_views, views

app_name = "casework"

urlpatterns = [
    path("people/<int:person_id>/notes/new/", views.note_new, name="note-new"),
    path("notes/<int:note_id>/", views.note, name="note"),
    path("notes/<int:note_id>/edit/", views.note_edit, name="note-edit"),
    path("notes/<int:note_id>/amend/", views.note_amend, name="note-amend"),
    path("notes/<int:note_id>/retract/", views.note_retract, name="note-retract"),
    path("people/<int:person_id>/documents/new/", views.document_new, name="document-new"),
    path("documents/<int:document_id>/", views.document, name="document"),
    path("documents/<int:document_id>/retract/", views.document_retract, name="document-retract"),
    path("people/<int:person_id>/warnings/", views.warning_list, name="warnings"),
    path("people/<int:person_id>/warnings/new/", views.warning_new, name="warning-new"),
    path("warnings/<int:warning_id>/end/", views.warning_end, name="warning-end"),
    path("people/<int:person_id>/chronology/", views.chronology, name="chronology"),
    path("people/<int:person_id>/tasks/new/", task_views.task_new, name="task-new"),
    path("tasks/", task_views.my_tasks, name="my-tasks"),
    path("tasks/team/", task_views.team_tasks, name="team-tasks"),
    path("tasks/<int:task_id>/", task_views.task, name="task"),
    path("tasks/<int:task_id>/close/", task_views.task_close, name="task-close"),
    path("tasks/<int:task_id>/reassign/", task_views.task_reassign, name="task-reassign"),
    path("people/<int:person_id>/letters/new/", letter_views.letter_new, name="letter-new"),
    path("letters/<int:document_id>/", letter_views.letter, name="letter"),
    path("letters/<int:document_id>/sent/", letter_views.letter_sent, name="letter-sent"),
    path("letter-templates/", letter_views.letter_templates, name="letter-templates"),
    path("letter-templates/new/", letter_views.letter_template_edit, name="letter-template-new"),
    path("letter-templates/<int:template_id>/", letter_views.letter_template_edit, name="letter-template"),
    path(
        "letter-templates/<int:template_id>/switch/", letter_views.letter_template_switch, name="letter-template-switch"
    ),
    path("settings/", letter_views.casework_settings, name="settings"),
]
