package dev.parley.auth;

class InMemoryRevokedSessionsTest extends RevokedSessionsContract {

    private final RevokedSessions revoked = new InMemoryRevokedSessions();

    @Override
    protected RevokedSessions revoked() {
        return revoked;
    }
}
