package io.integrationregistry.application;

import io.integrationregistry.application.port.out.ConnectionTestRecord;
import io.integrationregistry.application.port.out.ForRecordingConnectionTests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The connection tests recorded, in memory, in the order they were recorded. */
final class InMemoryConnectionTestRecords implements ForRecordingConnectionTests {

    final List<ConnectionTestRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void record(ConnectionTestRecord test) {
        records.add(test);
    }
}
