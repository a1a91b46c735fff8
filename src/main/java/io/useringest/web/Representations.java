package io.useringest.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API answers in the representations it documents: JSON, CSV and HTML. The embedded
 * S3 server's dependencies bring Jackson's XML and YAML modules, and Spring MVC would
 * offer them to any client asking (a browser's Accept prefers XML to JSON), with other
 * field names than the JSON's; they are taken out, so such a request is 406.
 */
@Configuration(proxyBeanMethods = false)
class Representations implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(Representations::speaksXmlOrYaml);
    }

    private static boolean speaksXmlOrYaml(HttpMessageConverter<?> converter) {
        return converter.getSupportedMediaTypes().stream().anyMatch(Representations::isXmlOrYaml);
    }

    static boolean isXmlOrYaml(MediaType type) {
        String subtype = type.getSubtype();
        return subtype.equals("xml") || subtype.endsWith("+xml") || subtype.contains("yaml");
    }

}
