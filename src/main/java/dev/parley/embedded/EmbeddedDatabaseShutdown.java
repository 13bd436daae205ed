package dev.parley.embedded;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;

/** Stops the embedded PostgreSQL after every other shutdown observer (the drain stores in-flight sends first). */
@ApplicationScoped
public class EmbeddedDatabaseShutdown {

    void onShutdown(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        EmbeddedDatabase.stopIfStartedHere();
    }
}
