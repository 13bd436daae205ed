package dev.parley.push;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.parley.common.JsonText;
import dev.parley.config.ParleyConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.EndpointDisabledException;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * Cluster adapter of {@link PushNotifier}: AWS SNS mobile push. Each device token gets a platform endpoint under
 * the configured platform application (created once, its ARN kept with the device); before publishing, the
 * endpoint's attributes are checked as AWS recommends (a disabled endpoint is removed, a stale token is set back).
 * An endpoint SNS reports disabled or unknown is deleted and the device forgotten.
 */
@ApplicationScoped
@Typed(SnsPushNotifier.class)
public class SnsPushNotifier implements PushNotifier {

    private static final Logger LOG = Logger.getLogger(SnsPushNotifier.class);

    private final SnsClient sns;
    private final ParleyConfig.Push config;
    private final DeviceRepository devices;
    private final ObjectMapper json;

    SnsPushNotifier(Instance<SnsClient> sns, ParleyConfig config, DeviceRepository devices, ObjectMapper json) {
        this.sns = sns.get();
        this.config = config.push();
        this.devices = devices;
        this.json = json;
    }

    @Override
    public Outcome push(Device device, PushMessage message) {
        String endpoint = endpointFor(device);
        try {
            Map<String, String> attributes = sns.getEndpointAttributes(r -> r.endpointArn(endpoint)).attributes();
            if (!"true".equalsIgnoreCase(attributes.get("Enabled"))) {
                return forget(endpoint, "disabled");
            }
            if (!device.token.equals(attributes.get("Token"))) {
                sns.setEndpointAttributes(r -> r.endpointArn(endpoint).attributes(Map.of("Token", device.token, "Enabled", "true")));
            }
            sns.publish(r -> r.targetArn(endpoint).messageStructure("json").message(payload(message)));
            return Outcome.SENT;
        } catch (EndpointDisabledException e) {
            return forget(endpoint, "disabled");
        } catch (NotFoundException e) {
            return Outcome.DEVICE_GONE; // nothing left to delete at SNS
        }
    }

    private String endpointFor(Device device) {
        if (device.endpointArn != null) {
            return device.endpointArn;
        }
        String application = (Device.APNS.equals(device.platform) ? config.apnsApplicationArn() : config.fcmApplicationArn())
                .orElseThrow(() -> new IllegalStateException("No SNS platform application configured for " + device.platform
                        + " (parley.push." + device.platform + "-application-arn)"));
        String arn = sns.createPlatformEndpoint(r -> r.platformApplicationArn(application).token(device.token)).endpointArn();
        QuarkusTransaction.requiringNew().run(() -> devices.findByIdOptional(device.token)
                .ifPresent(stored -> stored.endpointArn = arn));
        device.endpointArn = arn;
        return arn;
    }

    private Outcome forget(String endpoint, String why) {
        LOG.infof("SNS endpoint %s is %s: deleting it and its device", endpoint, why);
        try {
            sns.deleteEndpoint(r -> r.endpointArn(endpoint));
        } catch (RuntimeException e) {
            LOG.debugf("Deleting endpoint %s failed: %s", endpoint, e);
        }
        return Outcome.DEVICE_GONE;
    }

    /** One message per platform, as SNS's MessageStructure=json wants: APNs and FCM (HTTP v1) payloads. */
    String payload(PushMessage message) {
        Map<String, Object> aps = new LinkedHashMap<>();
        aps.put("alert", Map.of("title", message.title(), "body", message.body()));
        aps.put("badge", message.badge());
        aps.put("sound", "default");
        Map<String, Object> apns = new LinkedHashMap<>();
        apns.put("aps", aps);
        apns.put("channelId", message.channelId());
        apns.put("seq", message.seq());
        Map<String, Object> fcm = Map.of("fcmV1Message", Map.of("message", Map.of(
                "notification", Map.of("title", message.title(), "body", message.body()),
                "data", Map.of("channelId", message.channelId(), "seq", Long.toString(message.seq()),
                        "badge", Long.toString(message.badge())))));
        Map<String, String> perPlatform = new LinkedHashMap<>();
        perPlatform.put("default", message.body());
        perPlatform.put("APNS", write(apns));
        perPlatform.put("APNS_SANDBOX", write(apns));
        perPlatform.put("GCM", write(fcm));
        return write(perPlatform);
    }

    private String write(Object value) {
        return JsonText.write(json, value);
    }
}
