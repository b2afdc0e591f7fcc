"""Layout: planned sessions and weeks -> pages of plain drawing operations.

blocks (Laid, flow, fit) underlie everything: header, grid and item make the blocks; card
and week lay out a session's pages and the week sheet; impose puts half-size pages two
to a sheet. Nothing here draws: render turns the pages into PDF.
"""
