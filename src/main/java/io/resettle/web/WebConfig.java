package io.resettle.web;

import java.util.List;
import java.util.Locale;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/** English and simplified Chinese: from Accept-Language, switched with {@code ?lang=en} / {@code ?lang=zh_CN}. */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    @Bean
    @ConditionalOnWebApplication
    LocaleResolver localeResolver() {
        SessionLocaleResolver resolver = new SessionLocaleResolver();
        resolver.setDefaultLocaleFunction(request -> {
            for (var ranges = request.getLocales(); ranges.hasMoreElements(); ) {
                Locale wanted = ranges.nextElement();
                for (Locale supported : LOCALES) {
                    if (supported.getLanguage().equals(wanted.getLanguage())) {
                        return supported;
                    }
                }
            }
            return Locale.ENGLISH;
        });
        return resolver;
    }

    /**
     * The dashboard listens on 127.0.0.1 only unless an address is configured (issue 15.8):
     * {@code resettle.web.address} (e.g. {@code 0.0.0.0} for every interface), or Spring Boot's own
     * {@code server.address}, which wins when set.
     */
    @Bean
    @ConditionalOnWebApplication
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> loopbackUnlessConfigured(Environment environment) {
        return factory -> {
            if (environment.getProperty("server.address") != null) {
                return;
            }
            String address = environment.getProperty("resettle.web.address", "127.0.0.1").strip();
            try {
                factory.setAddress(java.net.InetAddress.getByName(address));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException("resettle.web.address: no such address " + address);
            }
        };
    }

    /** The session cookie (and any other) is SameSite=Lax: a page of another site cannot post with it. */
    @Bean
    @ConditionalOnWebApplication
    CookieSameSiteSupplier sameSiteLax() {
        return CookieSameSiteSupplier.ofLax();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }

    /**
     * Under {@code resettle serve} the {@link JobOperator} launches jobs on their own threads, so
     * that an action returns at once and the page follows the run; the command line stays synchronous.
     */
    @Bean
    @BatchTaskExecutor
    @ConditionalOnProperty(name = "resettle.serve", havingValue = "true")
    TaskExecutor jobLaunchExecutor() {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("job-");
        executor.setConcurrencyLimit(8);
        return executor;
    }
}
