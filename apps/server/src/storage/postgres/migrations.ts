// The PostgreSQL engine's schema, as numbered migrations (decision 0045). `migrate` runs at start: under an
// advisory lock, so two instances starting together take turns, it applies each migration not yet in
// schema_migrations, each in its own transaction with its row, so a migration is applied once, whole or not at all.
// A migration, once released, is never edited: a change of schema is a new one at the end of the list.
import type pg from 'pg'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'the tables of every store',
    sql: `
      -- Text compares byte by byte (COLLATE "C"), as in SQLite, whatever the database's locale: lists ordered
      -- by an id come out in the same order on both engines.
      -- A map's row, and a row of its own for its professionals' document (an id with a '/', never a map's).
      CREATE TABLE maps (
        id TEXT COLLATE "C" PRIMARY KEY,
        title TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        snapshot BYTEA,
        -- every update with seq <= snapshot_seq is contained in snapshot
        snapshot_seq BIGINT NOT NULL DEFAULT 0,
        last_seq BIGINT NOT NULL DEFAULT 0
      );
      -- What is left of an erased map (decision 0042): its id and when, so its links answer 410. Its row in maps
      -- stays, emptied, while its kept records refer to it.
      CREATE TABLE erased_maps (
        map_id TEXT COLLATE "C" PRIMARY KEY,
        erased_at BIGINT NOT NULL
      );
      CREATE TABLE map_closures (
        map_id TEXT COLLATE "C" PRIMARY KEY REFERENCES maps(id),
        closed_at BIGINT NOT NULL,
        closed_by TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX map_closures_by_time ON map_closures (closed_at);
      CREATE TABLE updates (
        map_id TEXT COLLATE "C" NOT NULL REFERENCES maps(id),
        seq BIGINT NOT NULL,
        data BYTEA NOT NULL,
        PRIMARY KEY (map_id, seq)
      );
      CREATE TABLE links (
        id TEXT COLLATE "C" PRIMARY KEY,
        map_id TEXT COLLATE "C" NOT NULL REFERENCES maps(id),
        role TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        revoked_at BIGINT
      );
      CREATE INDEX links_by_map ON links (map_id);
      CREATE TABLE participants (
        id TEXT COLLATE "C" PRIMARY KEY,
        -- the order of joining, among participants who joined in the same millisecond
        ord BIGINT GENERATED ALWAYS AS IDENTITY,
        map_id TEXT COLLATE "C" NOT NULL REFERENCES maps(id),
        link_id TEXT COLLATE "C" NOT NULL REFERENCES links(id),
        role TEXT COLLATE "C" NOT NULL,
        name TEXT COLLATE "C" NOT NULL,
        agency TEXT COLLATE "C" NOT NULL,
        joined_at BIGINT NOT NULL
      );
      CREATE INDEX participants_by_map ON participants (map_id, joined_at, ord);
      CREATE TABLE client_ids (
        map_id TEXT COLLATE "C" NOT NULL REFERENCES maps(id),
        client_id BIGINT NOT NULL,
        owner_id TEXT COLLATE "C" NOT NULL,
        claimed_at BIGINT NOT NULL,
        PRIMARY KEY (map_id, client_id)
      );
      CREATE TABLE scaling_submissions (
        map_id TEXT COLLATE "C" NOT NULL REFERENCES maps(id),
        round_id TEXT COLLATE "C" NOT NULL,
        participant_id TEXT COLLATE "C" NOT NULL,
        name TEXT COLLATE "C" NOT NULL,
        role TEXT COLLATE "C" NOT NULL,
        agency TEXT COLLATE "C" NOT NULL,
        score INTEGER NOT NULL,
        reason TEXT COLLATE "C" NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (map_id, round_id, participant_id)
      );
      -- Generated records (PDF, PNG), kept as made: the triggers below refuse any change, and removal unless the
      -- map is erased (decision 0042).
      CREATE TABLE exports (
        id TEXT COLLATE "C" PRIMARY KEY,
        ord BIGINT GENERATED ALWAYS AS IDENTITY,
        map_id TEXT COLLATE "C" NOT NULL REFERENCES maps(id),
        format TEXT COLLATE "C" NOT NULL,
        audience TEXT COLLATE "C" NOT NULL,
        document_version BIGINT NOT NULL,
        document_sha256 TEXT COLLATE "C" NOT NULL,
        bytes_sha256 TEXT COLLATE "C" NOT NULL,
        bytes BYTEA NOT NULL,
        generated_by_id TEXT COLLATE "C" NOT NULL,
        generated_by_name TEXT COLLATE "C" NOT NULL,
        generated_by_role TEXT COLLATE "C" NOT NULL,
        generated_by_agency TEXT COLLATE "C" NOT NULL,
        generated_at BIGINT NOT NULL
      );
      CREATE INDEX exports_by_map ON exports (map_id, generated_at, ord);
      CREATE TABLE export_professionals_documents (
        export_id TEXT COLLATE "C" PRIMARY KEY REFERENCES exports(id),
        document_version BIGINT NOT NULL,
        document_sha256 TEXT COLLATE "C" NOT NULL
      );
      CREATE FUNCTION exports_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'exports are immutable'; END $$;
      CREATE FUNCTION exports_removed_only_when_erased() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM erased_maps WHERE map_id = OLD.map_id) THEN
            RAISE EXCEPTION 'exports are immutable';
          END IF;
          RETURN OLD;
        END $$;
      CREATE FUNCTION exports_not_for_erased_maps() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM erased_maps WHERE map_id = NEW.map_id) THEN
            RAISE EXCEPTION 'the map has been erased';
          END IF;
          RETURN NEW;
        END $$;
      CREATE FUNCTION export_documents_removed_only_when_erased() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NOT EXISTS (
            SELECT 1 FROM exports JOIN erased_maps ON erased_maps.map_id = exports.map_id
            WHERE exports.id = OLD.export_id
          ) THEN
            RAISE EXCEPTION 'exports are immutable';
          END IF;
          RETURN OLD;
        END $$;
      CREATE TRIGGER exports_never_change BEFORE UPDATE ON exports
        FOR EACH ROW EXECUTE FUNCTION exports_immutable();
      CREATE TRIGGER exports_never_removed BEFORE DELETE ON exports
        FOR EACH ROW EXECUTE FUNCTION exports_removed_only_when_erased();
      CREATE TRIGGER exports_not_for_erased_maps BEFORE INSERT ON exports
        FOR EACH ROW EXECUTE FUNCTION exports_not_for_erased_maps();
      CREATE TRIGGER export_professionals_documents_never_change BEFORE UPDATE ON export_professionals_documents
        FOR EACH ROW EXECUTE FUNCTION exports_immutable();
      CREATE TRIGGER export_professionals_documents_never_removed BEFORE DELETE ON export_professionals_documents
        FOR EACH ROW EXECUTE FUNCTION export_documents_removed_only_when_erased();
      -- TRUNCATE skips row triggers: it is refused on the records outright.
      CREATE TRIGGER exports_never_truncated BEFORE TRUNCATE ON exports
        FOR EACH STATEMENT EXECUTE FUNCTION exports_immutable();
      CREATE TRIGGER export_professionals_documents_never_truncated BEFORE TRUNCATE ON export_professionals_documents
        FOR EACH STATEMENT EXECUTE FUNCTION exports_immutable();
      CREATE TABLE family_visits (
        map_id TEXT COLLATE "C" NOT NULL REFERENCES maps(id),
        participant_id TEXT COLLATE "C" NOT NULL,
        visited_at BIGINT NOT NULL,
        PRIMARY KEY (map_id, participant_id, visited_at)
      );
      CREATE TABLE quarantine (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        map_id TEXT COLLATE "C" NOT NULL REFERENCES maps(id),
        seq BIGINT NOT NULL,
        kind TEXT COLLATE "C" NOT NULL,
        data BYTEA NOT NULL,
        reason TEXT COLLATE "C" NOT NULL,
        restored_at BIGINT NOT NULL,
        restored_version BIGINT NOT NULL
      );
      CREATE INDEX quarantine_by_map ON quarantine (map_id, id);
      -- The audit trail (decision 0041). No foreign key to maps: an erased map keeps its one erasure entry.
      CREATE TABLE audit_entries (
        map_id TEXT COLLATE "C" NOT NULL,
        seq BIGINT NOT NULL,
        at BIGINT NOT NULL,
        actor_id TEXT COLLATE "C",
        actor_name TEXT COLLATE "C",
        actor_role TEXT COLLATE "C",
        actor_agency TEXT COLLATE "C",
        action TEXT COLLATE "C" NOT NULL,
        target TEXT COLLATE "C" NOT NULL,
        section TEXT COLLATE "C",
        summary TEXT COLLATE "C" NOT NULL,
        audience TEXT COLLATE "C" NOT NULL,
        hash TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (map_id, seq)
      );
      -- Where each map's chain has got to. Its row is what an append locks (SELECT … FOR UPDATE), so each map's
      -- chain grows one transaction at a time, whichever instance writes.
      CREATE TABLE audit_heads (
        map_id TEXT COLLATE "C" PRIMARY KEY,
        seq BIGINT NOT NULL,
        hash TEXT COLLATE "C" NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'room fences',
    sql: `
      -- The largest fencing token each room (a map id, or <id>/professionals) was written with (decision 0047):
      -- a write under a smaller one is refused in its transaction (roomFences.ts). Holds no map's content, and no
      -- foreign key: a room is fenced whether or not its document's row exists yet.
      CREATE TABLE room_fences (
        room TEXT COLLATE "C" PRIMARY KEY,
        token BIGINT NOT NULL
      );
    `,
  },
]

/** Any constant will do, as long as it is the same for every Mapboard: the key of the migrations' advisory lock. */
const MIGRATION_LOCK = 7_240_416_045

/**
 * Brings the database's schema up to date, once, however many instances start at the same time. Refuses a
 * database a newer Mapboard migrated past the migrations this one knows.
 */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`)
      const applied = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
          (row) => row.version,
        ),
      )
      const known = Math.max(0, ...migrations.map((migration) => migration.version))
      const newest = Math.max(0, ...applied)
      if (newest > known) {
        throw new Error(
          `the database was migrated by a newer Mapboard (schema ${newest}, this one knows ${known})`,
        )
      }
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue
        await client.query('BEGIN')
        try {
          await client.query(migration.sql)
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ])
          await client.query('COMMIT')
        } catch (error) {
          await client.query('ROLLBACK')
          throw new Error(`migration ${migration.version} (${migration.name}) failed`, { cause: error })
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
    }
  } finally {
    client.release()
  }
}
