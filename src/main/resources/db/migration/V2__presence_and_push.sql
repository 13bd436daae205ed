-- When each user was last active: kept durably, so it survives restarts.
alter table accounts add column last_active_at timestamptz;

-- A member may mute a channel: no pushes for it.
alter table memberships add column muted boolean not null default false;

-- Push devices: a token belongs to one user at a time.
create table devices (
    token        varchar(4096) primary key,
    user_id      varchar(36)   not null references accounts (id),
    platform     varchar(10)   not null check (platform in ('apns', 'fcm')),
    endpoint_arn varchar(1024),
    created_at   timestamptz   not null
);
create index devices_by_user on devices (user_id);
