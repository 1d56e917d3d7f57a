package io.resettle.support;

import io.resettle.ResettleApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A step test (STYLE 6): the application on an in-memory H2 database migrated by Flyway, with
 * {@code JobOperatorTestUtils} to start one step. Every class with this annotation shares one
 * context and one database, so each test clears the tables it gives.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBatchTest
@SpringBootTest(classes = ResettleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.datasource.url=jdbc:h2:mem:step-tests;DB_CLOSE_DELAY=-1",
        "logging.file.name=target/step-tests.log"})
public @interface H2StepTest {
}
