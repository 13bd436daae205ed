package dev.parley.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Server frame: a client frame was refused. ref is the clientMsgId of a refused send. The socket stays open. */
@JsonPropertyOrder({ "type" })
@JsonInclude(JsonInclude.Include.NON_NULL)
@io.quarkus.runtime.annotations.RegisterForReflection
record ErrorFrame(String code, String message, String ref) {

    @JsonProperty("type")
    public String type() {
        return "error";
    }
}
