"""PostgreSQL migrations, applied in order by ``PostgresStore.migrate``."""
