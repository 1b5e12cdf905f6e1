-- segmentkit JDBC TargetGroupStore: schema for PostgreSQL (tested on 15).
-- {prefix} stands for the store's table prefix (default "segmentkit_"); JdbcTargetGroupStore
-- replaces it before running the statements. Every statement is idempotent.

-- One row per target group. "document" holds the group as the JSON codec writes it
-- (SegmentkitJson.writeTargetGroup: name, version, the snapshot with its definition, the history)
-- and is what the store reads back; the other columns are copies for SQL queries and reports.
-- "members_version" names the snapshot in {prefix}members that is current.
CREATE TABLE IF NOT EXISTS {prefix}target_groups (
    id              VARCHAR(64) COLLATE "C" NOT NULL,
    name            TEXT                     NOT NULL,
    version         BIGINT                   NOT NULL,
    members_version BIGINT                   NOT NULL,
    member_count    BIGINT                   NOT NULL,
    segment_id      VARCHAR(128)             NOT NULL,
    revision        TEXT                     NOT NULL,
    fingerprint     CHAR(64)                 NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    document        TEXT                     NOT NULL,
    CONSTRAINT {prefix}target_groups_pk PRIMARY KEY (id)
);

-- The members of each snapshot, one row per member. A snapshot is named by the group version
-- that wrote it, so a re-import stages its members next to the current ones and switches
-- {prefix}target_groups.members_version in the same transaction. "ordinal" keeps the members'
-- String.compareTo order (0, 1, 2, ...), whatever the database collation.
CREATE TABLE IF NOT EXISTS {prefix}members (
    group_id         VARCHAR(64) COLLATE "C" NOT NULL,
    snapshot_version BIGINT                  NOT NULL,
    ordinal          BIGINT                  NOT NULL,
    member           VARCHAR(512)            NOT NULL,
    CONSTRAINT {prefix}members_pk PRIMARY KEY (group_id, snapshot_version, ordinal)
);

-- The import history of each target group, one row per ImportRecord (a copy of the document's
-- history for SQL queries; timestamps at the database's precision).
CREATE TABLE IF NOT EXISTS {prefix}import_history (
    group_id     VARCHAR(64) COLLATE "C" NOT NULL,
    seq_no       BIGINT                   NOT NULL,
    kind         VARCHAR(16)              NOT NULL,
    imported_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revision     TEXT                     NOT NULL,
    fingerprint  CHAR(64)                 NOT NULL,
    member_count BIGINT                   NOT NULL,
    added        BIGINT                   NOT NULL,
    removed      BIGINT                   NOT NULL,
    imported_by  TEXT,
    CONSTRAINT {prefix}import_history_pk PRIMARY KEY (group_id, seq_no)
);
