package dev.parley.push;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import dev.parley.auth.CurrentUser;
import dev.parley.common.DomainException;
import dev.parley.common.ErrorCode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;

/** Registers the caller's devices for push notifications. */
@Path("/api/v1/devices")
@Authenticated
public class DeviceResource {

    public record RegisterDevice(
            @NotNull @Pattern(regexp = "apns|fcm", message = "must be apns or fcm") String platform,
            @NotBlank @Size(max = 4096) String token) {
    }

    /** Registered: it leaves through a Response, which the native build's analysis cannot see into. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record DeviceView(String platform, String token) {
    }

    private final DeviceRepository devices;
    private final CurrentUser currentUser;

    DeviceResource(DeviceRepository devices, CurrentUser currentUser) {
        this.devices = devices;
        this.currentUser = currentUser;
    }

    /** 201 for a new token; 200 when it was already the caller's. A token registered by another user moves here. */
    @POST
    public Response register(@Valid @NotNull RegisterDevice request) {
        String userId = currentUser.id();
        boolean created = QuarkusTransaction.requiringNew().call(() -> {
            Device device = devices.findByIdOptional(request.token()).orElse(null);
            if (device != null && device.userId.equals(userId) && device.platform.equals(request.platform())) {
                return false;
            }
            if (device == null) {
                device = new Device();
                device.token = request.token();
                device.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                device.userId = userId;
                device.platform = request.platform();
                devices.persist(device);
            } else {
                device.userId = userId; // the phone changed hands: the first user gets no more pushes on it
                device.platform = request.platform();
                device.endpointArn = null;
            }
            return true;
        });
        return Response.status(created ? 201 : 200).entity(new DeviceView(request.platform(), request.token())).build();
    }

    @DELETE
    @Path("/{token}")
    public Response remove(@PathParam("token") String token) {
        String userId = currentUser.id();
        boolean removed = QuarkusTransaction.requiringNew().call(() -> devices.findByIdOptional(token)
                .filter(device -> device.userId.equals(userId)).map(device -> {
                    devices.delete(device);
                    return true;
                }).orElse(false));
        if (!removed) {
            throw new DomainException(ErrorCode.DEVICE_NOT_FOUND, "You have no device with that token.");
        }
        return Response.noContent().build();
    }
}
