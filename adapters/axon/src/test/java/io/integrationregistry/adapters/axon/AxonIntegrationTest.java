package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.integrations.port.out.CommandOutcome;
import io.integrationregistry.domain.IntegrationCommand.ActivateIntegration;
import io.integrationregistry.domain.IntegrationCommand.DeactivateIntegration;
import io.integrationregistry.domain.IntegrationEvent.IntegrationAdded;
import io.integrationregistry.domain.IntegrationEvent.IntegrationDeactivated;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationRuleViolation;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** The decider hosted in Axon: routing, versions and outcomes as the store adapter relies on them. */
class AxonIntegrationTest {

    private final IntegrationId id = Samples.newId();
    private AggregateTestFixture<AxonIntegration> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(AxonIntegration.class);
        fixture.registerCommandTargetResolver(new IntegrationCommandTargetResolver());
    }

    @Test
    void given_no_integration_when_added_then_it_is_added_at_version_0() {
        IntegrationAdded expected = Samples.added(id);
        fixture.givenNoPriorActivity()
                .when(Samples.add(id))
                .expectEvents(expected)
                .expectResultMessagePayload(new CommandOutcome(0, true));
    }

    @Test
    void given_no_integration_when_deactivated_then_the_decider_refuses_it_by_its_rule() {
        fixture.givenNoPriorActivity()
                .when(new DeactivateIntegration(id, Samples.COMPANY, Samples.ADMIN, Samples.T0))
                .expectNoEvents()
                .expectException(IntegrationRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("does not exist"));
    }

    @Test
    void given_an_active_integration_when_activated_again_then_nothing_is_stored_and_the_version_stays() {
        fixture.given(Samples.added(id))
                .when(new ActivateIntegration(id, Samples.COMPANY, Samples.ADMIN, Samples.T0))
                .expectNoEvents()
                .expectResultMessagePayload(new CommandOutcome(0, false));
    }

    @Test
    void given_version_1_when_a_command_expects_version_1_then_it_is_decided() {
        fixture.given(Samples.added(id), Samples.editedToApiKey(id, 1))
                .when(
                        new DeactivateIntegration(id, Samples.COMPANY, Samples.ADMIN, Samples.T0),
                        Map.of(AxonIntegration.EXPECTED_VERSION, 1L))
                .expectEvents(new IntegrationDeactivated(id, Samples.COMPANY, Samples.T0))
                .expectResultMessagePayload(new CommandOutcome(2, true));
    }

    @Test
    void given_version_1_when_a_command_expects_version_0_then_it_is_refused_as_stale() {
        fixture.given(Samples.added(id), Samples.editedToApiKey(id, 1))
                .when(
                        new DeactivateIntegration(id, Samples.COMPANY, Samples.ADMIN, Samples.T0),
                        MetaData.with(AxonIntegration.EXPECTED_VERSION, 0L))
                .expectNoEvents()
                .expectException(StaleVersion.class);
    }
}
