-- Replies (issue 14), embedded store: the seq of the earlier message of the same channel a message replies to.
alter table messages add column reply_to_seq bigint;
