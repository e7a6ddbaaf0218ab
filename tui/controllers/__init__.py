"""The main screen's actions, one module per concern, mixed into ``MainScreen``.

Each mixin turns a key into dialogs and writes through ``PlanDeskApp.write``; the rules they
apply live in ``store/``. Message handlers here use Textual's naming convention
(``on_<message>``), which Textual finds along the class's MRO.
"""
