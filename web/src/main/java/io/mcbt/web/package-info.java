/**
 * The server's web adapters: REST resources and, later, the tracker endpoints and the WebSocket.
 * They parse requests, call the EJBs of {@code io.mcbt.*} and map errors to clear answers; they
 * hold no business logic.
 */
package io.mcbt.web;
