package dev.parley.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Server frame: the answer to a ping. */
record PongFrame() {

    @JsonProperty("type")
    public String type() {
        return "pong";
    }
}
