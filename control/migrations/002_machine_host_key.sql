-- The machine's SSH host key fingerprint (OpenSSH "SHA256:..." form), learned on the
-- first connection and checked on every later one.
ALTER TABLE machines ADD COLUMN ssh_host_key_sha256 text;
