package io.resettle;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot application behind every command; started by {@link io.resettle.cli.ResettleCommandLine}. */
@SpringBootApplication
public class ResettleApplication {
}
