package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.support.Api;
import dev.parley.support.ChatClient;
import dev.parley.support.SocketTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;

/** Every step of a socket's open is timed, so a slow open can be told apart by step (docs/operations.md). */
@QuarkusTest
public class SocketOpenStepsTest extends SocketTest {

    @Inject
    MeterRegistry metrics;

    private long opens(String step) {
        Timer timer = metrics.find("parley.sockets.open.duration").tag("step", step).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void eachStepOfAnOpenIsTimed() {
        String[] steps = { SocketOpenSteps.QUEUED, SocketOpenSteps.REGISTER, SocketOpenSteps.SESSION_CHECK,
                SocketOpenSteps.PRESENCE };
        long[] before = new long[steps.length];
        for (int i = 0; i < steps.length; i++) {
            before[i] = opens(steps[i]);
        }
        ChatClient client = connect(Api.newUser("opensteps"));
        client.barrier(); // a frame answered after the open: the open's steps are all done
        for (int i = 0; i < steps.length; i++) {
            assertThat(opens(steps[i])).as(steps[i]).isGreaterThanOrEqualTo(before[i] + 1);
        }
    }
}
