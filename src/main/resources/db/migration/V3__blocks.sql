-- A user's blocks (issue 12): the blocked user cannot open a direct chat with the blocker, add them to a group, see
-- their presence or send into their direct chat.
create table blocks (
    blocker_id varchar(36) not null references accounts (id),
    blocked_id varchar(36) not null references accounts (id),
    created_at timestamptz not null,
    primary key (blocker_id, blocked_id)
);
-- "Who blocks this user?" (presence, group invitations) reads by the blocked side.
create index blocks_by_blocked on blocks (blocked_id);
