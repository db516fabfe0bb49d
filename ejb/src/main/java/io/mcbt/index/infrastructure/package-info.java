/** The torrent repository on MongoDB (sync driver). */
package io.mcbt.index.infrastructure;
