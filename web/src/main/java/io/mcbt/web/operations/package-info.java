/**
 * What operators look at: MicroProfile Health ({@code /health/ready} is up only while MongoDB
 * answers) and the server's own metrics in {@code /metrics} (Prometheus text).
 */
package io.mcbt.web.operations;
