package io.integrationregistry.domain;

import io.integrationregistry.domain.IntegrationRuleViolation.Rule;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * given(history).when(command).then…: the decider specified without a framework. The history is
 * folded with {@link IntegrationDecider#replay}, the command decided on the resulting state.
 */
final class DeciderSpecification {

    private DeciderSpecification() {}

    static Given given(IntegrationEvent... history) {
        return new Given(List.of(history));
    }

    static Given givenNoHistory() {
        return new Given(List.of());
    }

    record Given(List<IntegrationEvent> history) {

        When when(IntegrationCommand command) {
            return new When(history, command);
        }
    }

    record When(List<IntegrationEvent> history, IntegrationCommand command) {

        void thenExpect(IntegrationEvent... expected) {
            assertThat(decide()).containsExactly(expected);
        }

        void thenExpectNoEvent() {
            assertThat(decide()).isEmpty();
        }

        void thenRefusedWith(Rule rule) {
            IntegrationRuleViolation violation = catchThrowableOfType(IntegrationRuleViolation.class, this::decide);
            assertThat(violation)
                    .as("the command should be refused with %s", rule)
                    .isNotNull();
            assertThat(violation.rule()).isEqualTo(rule);
        }

        void thenRefusedWith(Rule rule, String detail) {
            IntegrationRuleViolation violation = catchThrowableOfType(IntegrationRuleViolation.class, this::decide);
            assertThat(violation)
                    .as("the command should be refused with %s", rule)
                    .isNotNull();
            assertThat(violation.rule()).isEqualTo(rule);
            assertThat(violation.detail()).isEqualTo(detail);
        }

        private List<IntegrationEvent> decide() {
            return IntegrationDecider.decide(command, IntegrationDecider.replay(history));
        }
    }
}
