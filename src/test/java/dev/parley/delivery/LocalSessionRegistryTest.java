package dev.parley.delivery;

class LocalSessionRegistryTest extends SessionRegistryContract {

    @Override
    protected SessionRegistry registry(int podIndex) {
        return new LocalSessionRegistry();
    }
}
