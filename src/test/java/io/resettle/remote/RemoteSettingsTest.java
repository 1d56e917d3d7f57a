package io.resettle.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.support.RefusedException;
import org.junit.jupiter.api.Test;
import org.springframework.batch.integration.partition.StepExecutionRequest;

class RemoteSettingsTest {

    @Test
    void localNeedsNoBrokerAndAddsNothing() {
        assertThat(RemoteSettings.managerProperties("local", null, "jdbc:h2:file:./data/resettle")).isEmpty();
    }

    @Test
    void remoteOnH2IsRefusedBeforeTheBrokerIsTried() {
        assertThatThrownBy(() -> RemoteSettings.managerProperties("remote", "amqp://guest:guest@127.0.0.1:1",
                "jdbc:h2:file:./data/resettle"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("shared PostgreSQL")
                .hasMessageContaining("--partitions local");
    }

    @Test
    void anUnknownModeIsABadArgument() {
        assertThatThrownBy(() -> RemoteSettings.mode("cluster")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither local nor remote");
    }

    @Test
    void messagesNeverShowThePassword() {
        assertThat(RemoteSettings.redacted("amqp://resettle:s3cret@mq.example:5672/prod"))
                .isEqualTo("amqp://resettle@mq.example:5672/prod");
        assertThat(RemoteSettings.redacted("amqp://mq.example")).isEqualTo("amqp://mq.example");
    }

    @Test
    void aRequestTravelsAsTextWithItsDatabase() {
        String text = RemoteChannels.toText("resettle_prod", new StepExecutionRequest("priceLinesRange", 42));
        assertThat(text).isEqualTo("resettle_prod|priceLinesRange:42");
        RemoteChannels.Request read = RemoteChannels.fromText(text);
        assertThat(read.database()).isEqualTo("resettle_prod");
        assertThat(read.request().getStepName()).isEqualTo("priceLinesRange");
        assertThat(read.request().getStepExecutionId()).isEqualTo(42L);
        assertThatThrownBy(() -> RemoteChannels.fromText("priceLinesRange:42")).isInstanceOf(IllegalArgumentException.class);
    }
}
