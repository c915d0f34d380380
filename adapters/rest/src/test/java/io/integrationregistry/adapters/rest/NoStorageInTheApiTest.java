package io.integrationregistry.adapters.rest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API names no storage: the storage adapters report an outage of the database as the application's
 * StorageUnavailable, so no class of this adapter refers to MongoDB, Spring Data MongoDB or Axon, neither
 * as a type nor by the name of one of their classes.
 */
class NoStorageInTheApiTest {

    private static final String[] STORAGE = {
        "com.mongodb", "org.bson", "org.springframework.data.mongodb", "org.axonframework"
    };

    @Test
    void noClassOfTheApiDependsOnAStorageLibrary() {
        JavaClasses api = new ClassFileImporter().importPath(Path.of("target/classes"));

        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(Stream.of(STORAGE).map(name -> name + "..").toArray(String[]::new))
                .check(api);
    }

    /** Not even by name, as a string to load or match (main code), nor in a test of the adapter. */
    @Test
    void noSourceOfTheApiNamesAStorageClass() throws IOException {
        List<String> naming = new ArrayList<>();
        for (String root : List.of("src/main/java", "src/test/java")) {
            try (Stream<Path> sources = Files.walk(Path.of(root))) {
                sources.filter(path -> path.toString().endsWith(".java"))
                        .filter(path -> !path.endsWith(NoStorageInTheApiTest.class.getSimpleName() + ".java"))
                        .filter(NoStorageInTheApiTest::namesStorage)
                        .map(Path::toString)
                        .forEach(naming::add);
            }
        }
        assertThat(naming).as("sources naming a class of a storage library").isEmpty();
    }

    private static boolean namesStorage(Path source) {
        try {
            String text = Files.readString(source);
            return Stream.of(STORAGE).anyMatch(name -> text.contains(name + "."));
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
