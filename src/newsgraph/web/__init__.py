"""The browser pages (Jinja2 templates, static files, inline SVG charts) served by the API app."""
