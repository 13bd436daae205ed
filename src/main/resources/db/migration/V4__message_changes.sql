-- Edits and deletions of sent messages (issue 14), embedded store: a message keeps its state after its last change
-- (a deletion empties its text), numbered by its channel's change counter, counted apart from message seqs.
alter table messages
    add column edited_at  timestamptz,
    add column deleted_at timestamptz,
    add column change_seq bigint not null default 0;

alter table channel_heads add column last_change_seq bigint not null default 0;

-- "What changed after this cursor": a channel's changed messages by their last change.
create index messages_by_change on messages (channel_id, change_seq) where change_seq > 0;
