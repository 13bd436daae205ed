-- Accounts, channels and memberships: PostgreSQL in both modes (embedded server or a real one).
create table accounts (
    id            varchar(36)  primary key,
    username      varchar(32)  not null unique,
    display_name  varchar(100) not null,
    password_hash varchar(100) not null,
    created_at    timestamptz  not null
);

create table channels (
    id         varchar(36)  primary key,
    type       varchar(10)  not null check (type in ('direct', 'group')),
    name       varchar(100),
    owner_id   varchar(36)  references accounts (id),
    -- "<smaller user id>:<larger user id>" for direct channels, so a pair can have only one.
    direct_key varchar(80)  unique,
    created_at timestamptz  not null
);

create table memberships (
    channel_id varchar(36) not null references channels (id),
    user_id    varchar(36) not null references accounts (id),
    read_seq   bigint      not null default 0,
    joined_at  timestamptz not null,
    primary key (channel_id, user_id)
);
create index memberships_by_user on memberships (user_id);

-- Message history of the embedded store (cluster mode keeps history in DynamoDB instead).
create table channel_heads (
    channel_id varchar(36) primary key,
    last_seq   bigint      not null
);

create table messages (
    channel_id    varchar(36)  not null,
    seq           bigint       not null,
    id            varchar(36)  not null unique,
    sender_id     varchar(36)  not null,
    client_msg_id varchar(100) not null,
    text          text         not null,
    sent_at       timestamptz  not null,
    primary key (channel_id, seq),
    -- A resend with the same client id finds the original instead of creating a second message.
    constraint messages_sender_client_msg_id unique (sender_id, client_msg_id)
);
