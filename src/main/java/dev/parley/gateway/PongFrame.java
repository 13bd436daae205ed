package dev.parley.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Server frame: the answer to a ping. */
@io.quarkus.runtime.annotations.RegisterForReflection
record PongFrame() {

    @JsonProperty("type")
    public String type() {
        return "pong";
    }
}
