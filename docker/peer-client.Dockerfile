# The mcbt peer client (create, publish, search, fetch, seed, get).
#
#   docker build -f docker/peer-client.Dockerfile -t mcbt-peer .      (from the repository root)
#   docker run --rm --network host -v "$PWD:/data" -w /data mcbt-peer get <info-hash> -o . \
#     --server http://tracker.example:8080
#
# Multicast groups need a network that carries multicast between the peers: host networking
# (above) or macvlan; see README.md in this folder.

FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY protocol protocol
COPY peer-client peer-client
COPY ejb/pom.xml ejb/pom.xml
COPY web/pom.xml web/pom.xml
COPY ear/pom.xml ear/pom.xml
COPY system-tests/pom.xml system-tests/pom.xml
RUN mvn -B -q -pl peer-client -am package -DskipTests -Dspotless.check.skip=true

FROM eclipse-temurin:17-jre
COPY --from=build /src/peer-client/target/peer-client.jar /opt/mcbt/peer-client.jar
# BitTorrent peers (TCP); the RTT probe port is chosen with --control-port.
EXPOSE 6881
ENTRYPOINT ["java", "-jar", "/opt/mcbt/peer-client.jar"]
CMD ["--help"]
