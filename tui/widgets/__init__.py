"""The app's widgets: one module each (no database access here; screens feed them data)."""
