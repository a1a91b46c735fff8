# syntax=docker/dockerfile:1
# user-ingest as a container: built with the Maven wrapper on a JDK, run on a JRE as a non-root user, the Spring Boot
# jar extracted into layers so that a code change rebuilds only the small application layer, and started with a class
# data sharing archive made by a training run at build time (as bin/user-ingest does; docs/benchmarks.md "Start-up").

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Dependencies first: this layer is rebuilt only when the POM changes.
COPY mvnw pom.xml checkstyle.xml .springjavaformatconfig ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests \
    && java -Djarmode=tools -jar target/user-ingest.jar extract --layers --destination /layers

FROM eclipse-temurin:17-jre
# curl for the health check only.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 ingest \
    && useradd --system --uid 10001 --gid ingest --home-dir /app --shell /usr/sbin/nologin ingest \
    && mkdir -p /data \
    && chown ingest:ingest /data
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# The training run: the context starts on a throw-away data folder and exits once refreshed; the archive holds the
# classes it loaded. Made by this image's own JVM, which refuses an archive made by another.
RUN DATA_DIR=/tmp/training SERVER_PORT=0 STORAGE_EMBEDDED_PORT=0 DEMO_DATA=false \
        java -XX:+UseSerialGC -XX:ArchiveClassesAtExit=/app/classes.jsa -Dspring.context.exit=onRefresh \
        -jar user-ingest.jar \
    && rm -rf /tmp/training
USER ingest
# DATA_DIR holds SQLite and the embedded S3 server's files when no external ones are configured.
ENV DATA_DIR=/data
# In a container the service is reached through its published port, so it listens on every interface of the
# container (outside one it listens on 127.0.0.1 unless SERVER_ADDRESS says otherwise).
ENV SERVER_ADDRESS=0.0.0.0
VOLUME ["/data"]
EXPOSE 8080
# Readiness: the service can answer queries (its database answers); a storage outage keeps it serving, so it stays
# healthy. Six tries ten seconds apart cover start-up (the first run goes on in the background).
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/actuator/health/readiness || exit 1
# The heap follows the container's memory limit: half of it, 256 MiB under docker-compose.yml's 512 MiB limit, as
# bin/user-ingest's -Xmx256m (the live heap stays under about 60 MiB at a million users; docs/benchmarks.md). The
# serial collector returns memory instead of growing the heap to its limit, and the C library's free memory is
# handed back every 5 s (as bin/user-ingest does).
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=50", "-XX:TrimNativeHeapInterval=5000", "-XX:+ExitOnOutOfMemoryError", "-XX:SharedArchiveFile=/app/classes.jsa", "-Xlog:cds=off", "-Xlog:class+path=off", "-jar", "user-ingest.jar"]
