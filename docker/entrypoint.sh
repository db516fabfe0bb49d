#!/bin/sh
# Starts the mcbt server on Payara Micro, as ../run-server does outside a container:
#
# - one instance, Hazelcast off, when MCBT_CLUSTER_MEMBERS is unset;
# - a member of a cluster when MCBT_CLUSTER_MEMBERS is set (comma list of host:port Hazelcast
#   members, e.g. server1:6900,server2:6900): members are found over TCP/IP only, never by
#   Payara's default multicast discovery. MCBT_CLUSTER_PORT (6900), MCBT_CLUSTER_NAME (mcbt),
#   MCBT_CLUSTER_INTERFACE, MCBT_CLUSTER_PUBLIC_ADDRESS and MCBT_INSTANCE_NAME as in README.md.
#
# MCBT_TRUST_PROXY_IP=true takes each client's address from the Proxy-ip header that a load
# balancer sets (only behind a balancer that overwrites it; see README.md). PORT is the HTTP port
# (8080). Arguments go to Payara Micro after these.
set -eu

war=${MCBT_WAR:-/opt/payara/deployments/mcbt.war}
micro=${PAYARA_MICRO_JAR:-/opt/payara/payara-micro.jar}

case " $* " in
  *" --port "*) ;;
  *) set -- --port "${PORT:-8080}" "$@" ;;
esac

if [ "${MCBT_TRUST_PROXY_IP:-false}" = true ]; then
  preboot=${TMPDIR:-/tmp}/mcbt-preboot-proxy.asadmin
  echo 'set configs.config.server-config.network-config.protocols.protocol.http-listener.http.auth-pass-through-enabled=true' > "$preboot"
  set -- --prebootcommandfile "$preboot" "$@"
fi

if [ -n "${MCBT_CLUSTER_MEMBERS:-}" ]; then
  [ -z "${MCBT_INSTANCE_NAME:-}" ] || set -- --name "$MCBT_INSTANCE_NAME" "$@"
  [ -z "${MCBT_CLUSTER_PUBLIC_ADDRESS:-}" ] || set -- --hzpublicaddress "$MCBT_CLUSTER_PUBLIC_ADDRESS" "$@"
  [ -z "${MCBT_CLUSTER_INTERFACE:-}" ] || set -- --interfaces "$MCBT_CLUSTER_INTERFACE" "$@"
  set -- --clustermode "tcpip:$MCBT_CLUSTER_MEMBERS" --startport "${MCBT_CLUSTER_PORT:-6900}" \
    --clustername "${MCBT_CLUSTER_NAME:-mcbt}" "$@"
else
  set -- --nohazelcast "$@"
fi

set -- --deploy "$war:/" --disablephonehome "$@"
echo "mcbt: java -jar $micro $*" >&2
# The memory settings of the payara/micro image's own entrypoint; JAVA_TOOL_OPTIONS (set in the
# Dockerfile) adds the tracker's GC settings. JVM_ARGS is split on spaces on purpose.
# shellcheck disable=SC2086
exec java -XX:+UseContainerSupport -XX:MaxRAMPercentage="${MEM_MAX_RAM_PERCENTAGE:-70.0}" \
  -Xss"${MEM_XSS:-512k}" ${JVM_ARGS:-} -jar "$micro" "$@"
