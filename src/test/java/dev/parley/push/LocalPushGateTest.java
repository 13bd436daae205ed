package dev.parley.push;

class LocalPushGateTest extends PushGateContract {

    private final PushGate gate = new LocalPushGate();

    @Override
    protected PushGate gate() {
        return gate;
    }
}
