// The SQLite engine's schema: the tables of every store over the one database (openDatabase.ts applies it).
// Tables added later with CREATE TABLE IF NOT EXISTS need no new version: an older server ignores them.
export const SCHEMA_VERSION = 1

export const SCHEMA = `
  -- What is left of an erased map (decision 0042): its id and when, so its links answer 410. Its row in maps stays,
  -- emptied, while its kept records refer to it.
  CREATE TABLE IF NOT EXISTS erased_maps (
    map_id TEXT PRIMARY KEY,
    erased_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  -- Maps closed by the chair ("Export and close"), for the retention sweep (decision 0042).
  CREATE TABLE IF NOT EXISTS map_closures (
    map_id TEXT PRIMARY KEY REFERENCES maps(id),
    closed_at INTEGER NOT NULL,
    closed_by TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS map_closures_by_time ON map_closures (closed_at);
  CREATE TABLE IF NOT EXISTS maps (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    snapshot BLOB,
    -- every update with seq <= snapshot_seq is contained in snapshot
    snapshot_seq INTEGER NOT NULL DEFAULT 0,
    last_seq INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TABLE IF NOT EXISTS updates (
    map_id TEXT NOT NULL REFERENCES maps(id),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (map_id, seq)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS links (
    id TEXT PRIMARY KEY,
    map_id TEXT NOT NULL REFERENCES maps(id),
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
  ) STRICT;
  CREATE INDEX IF NOT EXISTS links_by_map ON links (map_id);
  CREATE TABLE IF NOT EXISTS participants (
    id TEXT PRIMARY KEY,
    map_id TEXT NOT NULL REFERENCES maps(id),
    link_id TEXT NOT NULL REFERENCES links(id),
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    agency TEXT NOT NULL,
    joined_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS participants_by_map ON participants (map_id, joined_at);
  -- Which participant (or ':server') writes under each Yjs client id of a map's document.
  CREATE TABLE IF NOT EXISTS client_ids (
    map_id TEXT NOT NULL REFERENCES maps(id),
    client_id INTEGER NOT NULL,
    owner_id TEXT NOT NULL,
    claimed_at INTEGER NOT NULL,
    PRIMARY KEY (map_id, client_id)
  ) STRICT, WITHOUT ROWID;
  -- Blind scaling: each person's latest answer per round, kept out of the shared document until the reveal.
  CREATE TABLE IF NOT EXISTS scaling_submissions (
    map_id TEXT NOT NULL REFERENCES maps(id),
    round_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    agency TEXT NOT NULL,
    score INTEGER NOT NULL,
    reason TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (map_id, round_id, participant_id)
  ) STRICT, WITHOUT ROWID;
  -- Generated records (PDF, PNG), kept as made: the triggers refuse any change or removal of a row.
  CREATE TABLE IF NOT EXISTS exports (
    id TEXT PRIMARY KEY,
    map_id TEXT NOT NULL REFERENCES maps(id),
    format TEXT NOT NULL,
    audience TEXT NOT NULL,
    document_version INTEGER NOT NULL,
    document_sha256 TEXT NOT NULL,
    bytes_sha256 TEXT NOT NULL,
    bytes BLOB NOT NULL,
    generated_by_id TEXT NOT NULL,
    generated_by_name TEXT NOT NULL,
    generated_by_role TEXT NOT NULL,
    generated_by_agency TEXT NOT NULL,
    generated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS exports_by_map ON exports (map_id, generated_at);
  CREATE TRIGGER IF NOT EXISTS exports_never_change BEFORE UPDATE ON exports
    BEGIN SELECT RAISE(ABORT, 'exports are immutable'); END;
  -- Removed only with their map, when it is erased without keeping its records (decision 0042). The trigger of
  -- databases made before that refused every removal; it is replaced on every open.
  DROP TRIGGER IF EXISTS exports_never_removed;
  CREATE TRIGGER exports_never_removed BEFORE DELETE ON exports
    WHEN NOT EXISTS (SELECT 1 FROM erased_maps WHERE map_id = OLD.map_id)
    BEGIN SELECT RAISE(ABORT, 'exports are immutable'); END;
  CREATE TRIGGER IF NOT EXISTS exports_not_for_erased_maps BEFORE INSERT ON exports
    WHEN EXISTS (SELECT 1 FROM erased_maps WHERE map_id = NEW.map_id)
    BEGIN SELECT RAISE(ABORT, 'the map has been erased'); END;
  -- The professionals' document a professionals' export (audience 'professionals') was made from, beside the
  -- shared document's version and hash in its exports row; kept as made like the row itself (decision 0031).
  CREATE TABLE IF NOT EXISTS export_professionals_documents (
    export_id TEXT PRIMARY KEY REFERENCES exports(id),
    document_version INTEGER NOT NULL,
    document_sha256 TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS export_professionals_documents_never_change
    BEFORE UPDATE ON export_professionals_documents
    BEGIN SELECT RAISE(ABORT, 'exports are immutable'); END;
  DROP TRIGGER IF EXISTS export_professionals_documents_never_removed;
  CREATE TRIGGER export_professionals_documents_never_removed
    BEFORE DELETE ON export_professionals_documents
    WHEN NOT EXISTS (
      SELECT 1 FROM exports JOIN erased_maps ON erased_maps.map_id = exports.map_id
      WHERE exports.id = OLD.export_id
    )
    BEGIN SELECT RAISE(ABORT, 'exports are immutable'); END;
  -- When family participants opened the map (rooms/FamilyVisits.ts): only the visits that tell whether an item
  -- was seen before the conference, so a participant has few rows however often they reconnect.
  CREATE TABLE IF NOT EXISTS family_visits (
    map_id TEXT NOT NULL REFERENCES maps(id),
    participant_id TEXT NOT NULL,
    visited_at INTEGER NOT NULL,
    PRIMARY KEY (map_id, participant_id, visited_at)
  ) STRICT, WITHOUT ROWID;
  -- Stored updates (or a snapshot) the map's document would not load with, set aside when it was restored
  -- without them (rooms/loadStoredDocument.ts). Kept for investigation; nothing reads them back into a map.
  CREATE TABLE IF NOT EXISTS quarantine (
    id INTEGER PRIMARY KEY,
    map_id TEXT NOT NULL REFERENCES maps(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    data BLOB NOT NULL,
    reason TEXT NOT NULL,
    restored_at INTEGER NOT NULL,
    restored_version INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS quarantine_by_map ON quarantine (map_id, id);
  -- The audit trail (decision 0041): each map's entries numbered 1, 2, … and hash-chained (storage/auditChain.ts).
  -- No foreign key to maps: an erased map keeps its one erasure entry after its row is gone.
  CREATE TABLE IF NOT EXISTS audit_entries (
    map_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    actor_id TEXT,
    actor_name TEXT,
    actor_role TEXT,
    actor_agency TEXT,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    section TEXT,
    summary TEXT NOT NULL,
    audience TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (map_id, seq)
  ) STRICT, WITHOUT ROWID;
  -- Where each map's chain has got to, written with every entry: a removed last entry shows against it.
  CREATE TABLE IF NOT EXISTS audit_heads (
    map_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
`
