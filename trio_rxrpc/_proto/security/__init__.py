"""Rx security classes: the interface (:mod:`.base`), rxnull, and rxkad."""
