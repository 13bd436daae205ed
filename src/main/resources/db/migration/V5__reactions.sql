-- Reactions (issue 14), embedded store: who reacted to which message with which emoji.
create table message_reactions (
    channel_id varchar(36) not null,
    seq        bigint      not null,
    emoji      varchar(32) not null,
    user_id    varchar(36) not null,
    reacted_at timestamptz not null,
    primary key (channel_id, seq, emoji, user_id)
);
