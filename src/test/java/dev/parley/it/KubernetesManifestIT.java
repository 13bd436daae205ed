package dev.parley.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Parses the manifests the build generated into typed Kubernetes objects and checks what deployment needs. */
class KubernetesManifestIT {

    private static Map<String, HasMetadata> byKind;

    @BeforeAll
    static void parse() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("target", "kubernetes", "kubernetes.yml"))) {
            List<HasMetadata> items = Serialization.unmarshal(in);
            byKind = items.stream().collect(Collectors.toMap(HasMetadata::getKind, item -> item));
        }
    }

    @Test
    void aStatefulSetInClusterModeConfiguredFromAConfigMapAndASecret() {
        StatefulSet set = (StatefulSet) byKind.get("StatefulSet");
        assertThat(set.getMetadata().getName()).isEqualTo("parley");
        assertThat(set.getSpec().getServiceName()).isEqualTo("parley");
        assertThat(set.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("parley");
        assertThat(set.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(30L);
        Container parley = set.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(parley.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("PARLEY_MODE");
            assertThat(env.getValue()).isEqualTo("cluster");
        });
        assertThat(parley.getEnv()).as("behind one load balancer: per-address budgets count the client, not it")
                .anySatisfy(env -> {
                    assertThat(env.getName()).isEqualTo("PARLEY_LIMITS_TRUSTED_PROXY_HOPS");
                    assertThat(env.getValue()).isEqualTo("1");
                });
        assertThat(parley.getEnvFrom()).extracting(EnvFromSource::getConfigMapRef).filteredOn(java.util.Objects::nonNull)
                .extracting(ref -> ref.getName()).containsExactly("parley-config");
        assertThat(parley.getEnvFrom()).extracting(EnvFromSource::getSecretRef).filteredOn(java.util.Objects::nonNull)
                .extracting(ref -> ref.getName()).containsExactly("parley-secrets");
        assertThat(parley.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(parley.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        // Health and metrics live on the management interface, not the public port (issue 12, item 8).
        assertThat(parley.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(9000);
        assertThat(parley.getLivenessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(9000);
        assertThat(byKind.get("Service").getMetadata().getAnnotations()).as("the scrape follows")
                .containsEntry("prometheus.io/port", "9000").containsEntry("prometheus.io/path", "/q/metrics");
        assertThat(parley.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(parley.getResources().getLimits()).containsKeys("cpu", "memory");
    }

    @Test
    void aServiceForHttpAndWebSocket() {
        Service service = (Service) byKind.get("Service");
        assertThat(service.getSpec().getPorts()).anySatisfy(port -> assertThat(port.getTargetPort().getIntVal()).isEqualTo(8080));
        assertThat(service.getSpec().getPorts()).as("the management port stays off the load-balanced service")
                .noneSatisfy(port -> assertThat(port.getTargetPort().getIntVal()).isEqualTo(9000));
        assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/name", "parley");
    }

    @Test
    void disruptionBudgetAutoscalerAndAnIrsaServiceAccount() {
        PodDisruptionBudget pdb = (PodDisruptionBudget) byKind.get("PodDisruptionBudget");
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        HorizontalPodAutoscaler hpa = (HorizontalPodAutoscaler) byKind.get("HorizontalPodAutoscaler");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("StatefulSet");
        // Pod N reads partition N of parley.deliveries: never more pods than its 64 partitions.
        assertThat(hpa.getSpec().getMaxReplicas()).isLessThanOrEqualTo(64);
        ServiceAccount account = (ServiceAccount) byKind.get("ServiceAccount");
        assertThat(account.getMetadata().getAnnotations()).containsKey("eks.amazonaws.com/role-arn");
    }

    @Test
    void nothingElseIsGenerated() {
        assertThat(byKind.keySet()).containsExactlyInAnyOrder("StatefulSet", "Service", "ServiceAccount",
                "PodDisruptionBudget", "HorizontalPodAutoscaler");
    }
}
