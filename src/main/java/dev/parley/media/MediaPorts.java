package dev.parley.media;

import java.nio.file.Path;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

import dev.parley.cluster.ServerCheck;
import dev.parley.cluster.StartupWork;
import dev.parley.config.ParleyConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Chooses where attachment bytes live for the configured mode; the other adapter is never built. */
@ApplicationScoped
public class MediaPorts {

    /** The presigner signs with the S3 client's own region, endpoint and credentials (IRSA on EKS). */
    @Produces
    @jakarta.inject.Singleton // no client proxy: the local store's routes and tests see the adapter itself
    ObjectStore objects(ParleyConfig config, Instance<S3Client> s3,
            @ConfigProperty(name = "quarkus.s3.path-style-access", defaultValue = "false") boolean pathStyle) {
        if (config.mode() != ParleyConfig.Mode.CLUSTER) {
            Path dir = Path.of(config.dataDir());
            return new LocalDiskObjectStore(dir.resolve("media"), UrlSignature.keptIn(dir), Clock.systemUTC());
        }
        S3Client client = s3.get();
        var settings = client.serviceClientConfiguration();
        S3Presigner presigner = S3Presigner.builder().region(settings.region())
                .credentialsProvider(settings.credentialsProvider())
                .endpointOverride(settings.endpointOverride().orElse(null))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build()).build();
        return new S3ObjectStore(client, presigner, config.media().bucket());
    }

    /**
     * In cluster mode the bucket is checked (created in dev and test) and joins the readiness checks before the pod
     * takes traffic, off the start path: building the S3 client alone takes a good part of a second on a JVM.
     */
    void checkBucket(@Observes StartupEvent event, ParleyConfig config, Instance<ObjectStore> objects,
            Instance<StartupWork> startup, @Readiness HealthRegistry readiness) {
        if (config.mode() != ParleyConfig.Mode.CLUSTER) {
            return;
        }
        startup.get().run("S3 bucket", () -> {
            S3ObjectStore store = (S3ObjectStore) objects.get();
            if (config.media().createBucket()) {
                store.ensureBucket();
            }
            readiness.register("S3", ServerCheck.of("S3", store::check));
        });
    }
}
