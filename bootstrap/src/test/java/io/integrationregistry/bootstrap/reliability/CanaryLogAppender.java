package io.integrationregistry.bootstrap.reliability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.filter.Filter;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Keeps every event logged anywhere in the JVM while attached to the root logger, as the full text a
 * log file or a log shipper could hold: message, arguments, MDC, key-value pairs and exception.
 */
final class CanaryLogAppender extends AppenderBase<ILoggingEvent> {

    /** One event as text, with the thread and the logger that logged it. */
    record Line(String thread, String logger, String text) {}

    private final List<Line> lines = Collections.synchronizedList(new ArrayList<>());

    static CanaryLogAppender attachToRoot() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        CanaryLogAppender appender = new CanaryLogAppender();
        appender.setContext(context);
        appender.setName("canary");
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }

    /**
     * Keeps the console at INFO while everything is captured at DEBUG: a console that prints every
     * DEBUG line of the service slows the test down many times over. Answers how to undo it.
     */
    static Runnable quietConsole() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ThresholdFilter info = new ThresholdFilter();
        info.setLevel("INFO");
        info.setContext(context);
        info.start();
        List<ConsoleAppender<ILoggingEvent>> consoles = new ArrayList<>();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .iteratorForAppenders()
                .forEachRemaining(appender -> {
                    if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
                        console.addFilter(info);
                        consoles.add(console);
                    }
                });
        return () -> consoles.forEach(console -> {
            List<Filter<ILoggingEvent>> others = new ArrayList<>(console.getCopyOfAttachedFiltersList());
            others.remove(info);
            console.clearAllFilters();
            others.forEach(console::addFilter);
        });
    }

    void detach() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(this);
        stop();
    }

    List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder text = new StringBuilder()
                .append(event.getLevel())
                .append(' ')
                .append(event.getLoggerName())
                .append(" - ")
                .append(event.getFormattedMessage());
        Object[] arguments = event.getArgumentArray();
        if (arguments != null) {
            for (Object argument : arguments) {
                text.append(" | arg: ").append(printed(argument));
            }
        }
        event.getMDCPropertyMap()
                .forEach((key, value) ->
                        text.append(" | mdc ").append(key).append('=').append(value));
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs()
                    .forEach(pair ->
                            text.append(" | kv ").append(pair.key).append('=').append(printed(pair.value)));
        }
        if (event.getThrowableProxy() != null) {
            text.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        lines.add(new Line(event.getThreadName(), event.getLoggerName(), text.toString()));
    }

    private static String printed(Object value) {
        try {
            return value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value);
        } catch (RuntimeException unprintable) {
            return "(unprintable " + value.getClass().getName() + ")";
        }
    }
}
