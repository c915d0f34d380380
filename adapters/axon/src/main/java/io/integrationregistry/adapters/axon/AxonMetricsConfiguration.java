package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.projections.port.out.ForReplayingProjections;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * Axon's messages on Micrometer, registered by hand on the command bus and the event processors (Axon's own
 * auto-configuration of its monitors is switched off: {@code axon.metrics.auto-configuration.enabled=false}):
 * <ul>
 *   <li>commands: {@value CommandMeters#NAME}, by type and outcome ({@link CommandMeters});
 *   <li>each processor, with Axon's monitors, tagged {@code processorName} only (never by an event's content):
 *       the timers {@code eventProcessor.allTimer},
 *       {@code successTimer}, {@code failureTimer}, {@code ignoredTimer} and the counters
 *       {@code eventProcessor.ingestedCounter}, {@code successCounter}, {@code failureCounter},
 *       {@code processedCounter}, {@code ignoredCounter};
 *   <li>each projection's lag, in events and in seconds ({@link ProjectionLagMeters}), in place of Axon's
 *       latency and capacity monitors: those register their gauges again at every event, which Micrometer
 *       warns of, and the latency shows the last event's delay, so a processor that stopped looks as current
 *       as it last was.
 * </ul>
 * Without a meter registry (a test context without Actuator's metrics), no monitor is installed.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMetricsConfiguration {

    static final String EVENT_PROCESSOR = "eventProcessor";

    @Bean
    HandledEventTimes handledEventTimes() {
        return new HandledEventTimes();
    }

    @Bean
    ConfigurerModule messagesOnMicrometer(ObjectProvider<MeterRegistry> registries, HandledEventTimes handled) {
        return configurer -> configurer.configureMessageMonitor(axon -> (componentType, componentName) -> {
            MeterRegistry registry = registries.getIfAvailable();
            if (registry == null) {
                return NoOpMessageMonitor.instance();
            }
            if (CommandBus.class.isAssignableFrom(componentType)) {
                return widened(new CommandMeters(registry));
            }
            if (EventProcessor.class.isAssignableFrom(componentType)) {
                return widened(processorMonitor(registry, componentName, handled));
            }
            return NoOpMessageMonitor.instance();
        });
    }

    @Bean
    ProjectionLagMeters projectionLagMeters(ForReplayingProjections projections, HandledEventTimes handled) {
        return new ProjectionLagMeters(
                projections,
                handled,
                Clock.systemUTC(),
                List.of(IntegrationListFeed.PROCESSING_GROUP, AuditTrailFeed.PROCESSING_GROUP));
    }

    /** Axon's monitors of a processor, and the note of the events it is handed; timers without percentiles. */
    static MessageMonitor<EventMessage<?>> processorMonitor(
            MeterRegistry registry, String processor, HandledEventTimes handled) {
        Function<Message<?>, Iterable<io.micrometer.core.instrument.Tag>> tags =
                message -> Tags.of(TagsUtil.PROCESSOR_NAME_TAG, processor);
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.builder()
                        .meterNamePrefix(EVENT_PROCESSOR)
                        .meterRegistry(registry)
                        .tagsBuilder(tags)
                        .timerCustomization(timer -> timer.publishPercentiles())
                        .build(),
                MessageCountingMonitor.buildMonitor(EVENT_PROCESSOR, registry, tags),
                handled.monitor(processor)));
    }

    // A monitor of commands or events installed where Axon asks for one of any message: Axon hands each
    // component only the messages it handles (the command bus commands, a processor events).
    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> widened(MessageMonitor<? extends Message<?>> monitor) {
        return (MessageMonitor<Message<?>>) monitor;
    }
}
