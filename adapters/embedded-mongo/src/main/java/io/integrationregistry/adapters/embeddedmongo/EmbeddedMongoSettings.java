package io.integrationregistry.adapters.embeddedmongo;

import java.nio.file.Path;

/**
 * Where the embedded default keeps its data and listens.
 *
 * @param path folder of the data file
 * @param port loopback port to listen on; 0 picks a free one
 */
public record EmbeddedMongoSettings(Path path, int port) {}
