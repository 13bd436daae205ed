-- Attachments (issue 14): what was uploaded, by whom, for which channel. The bytes are in object storage (a folder
-- of the data directory in embedded mode, S3 in cluster mode); messages keep a description of the ones they carry.
create table attachments (
    id            varchar(36)  primary key,
    channel_id    varchar(36)  not null references channels (id) on delete cascade,
    uploader_id   varchar(36)  not null references accounts (id) on delete cascade,
    name          varchar(255) not null,
    content_type  varchar(100) not null,
    size_bytes    bigint       not null,
    -- PENDING (a slot handed out), READY (uploaded and checked), DELETED (its message was deleted)
    status        varchar(10)  not null,
    width         integer,
    height        integer,
    has_thumbnail boolean      not null default false,
    created_at    timestamptz  not null
);
create index attachments_uploader on attachments (uploader_id, created_at);

-- Embedded mode's messages: the attachments a message carries, as JSON (cluster mode keeps the same in DynamoDB).
alter table messages add column attachments text;
