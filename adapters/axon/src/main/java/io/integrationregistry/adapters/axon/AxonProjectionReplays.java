package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.port.out.ForReplayingProjections;
import io.integrationregistry.application.port.out.ProjectionStatus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/** The tracking processors of the projections, as Axon runs them. */
final class AxonProjectionReplays implements ForReplayingProjections {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final List<String> names;

    AxonProjectionReplays(EventProcessingConfiguration processing, EventStore eventStore, List<String> names) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.names = List.copyOf(names);
    }

    @Override
    public List<ProjectionStatus> status() {
        Long head = position(eventStore.createHeadToken());
        return names.stream().map(name -> processor(name)
                .map(processor -> status(name, processor, head))
                .orElseGet(() -> new ProjectionStatus(name, false, false, null, null, "not configured")))
                .toList();
    }

    @Override
    public void replay(String name) {
        TrackingEventProcessor processor = processor(name)
                .orElseThrow(() -> new IllegalArgumentException("no projection named " + name));
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    private java.util.Optional<TrackingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class);
    }

    private static ProjectionStatus status(String name, TrackingEventProcessor processor, Long head) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        boolean replaying = segments.stream().anyMatch(EventTrackerStatus::isReplaying);
        Long position = segments.stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).min(Long::compare).orElse(null);
        String error = segments.stream().filter(EventTrackerStatus::isErrorState)
                .map(segment -> String.valueOf(segment.getError())).findFirst().orElse(null);
        Long lag = head == null || position == null ? null : Math.max(0, head - position);
        return new ProjectionStatus(name, processor.isRunning(), replaying, position, lag, error);
    }

    private static Long position(TrackingToken token) {
        if (token == null) {
            return null;
        }
        OptionalLong position = token.position();
        return position.isPresent() ? position.getAsLong() : null;
    }
}
