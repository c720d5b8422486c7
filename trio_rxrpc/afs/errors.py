"""The com_err error tables of vl.et, pt.et, bz.et, vols.et, ubik.et, rxk.et, ktc.et: written by trio-rxrpc rxgen.

Do not edit: regenerate with ``trio-rxrpc rxgen``.
"""
# ruff: noqa

from __future__ import annotations

from typing import Final

from trio_rxrpc import rpc as _rpc


class VL_IDEXIST(_rpc.RPCError):
    """363520 (VL): Volume Id entry exists in vl database"""

    code = 363520
    error_name = 'VL_IDEXIST'
    error_message = 'Volume Id entry exists in vl database'
    table = 'VL'


class VL_IO(_rpc.RPCError):
    """363521 (VL): I/O related error"""

    code = 363521
    error_name = 'VL_IO'
    error_message = 'I/O related error'
    table = 'VL'


class VL_NAMEEXIST(_rpc.RPCError):
    """363522 (VL): Volume name entry exists in vl database"""

    code = 363522
    error_name = 'VL_NAMEEXIST'
    error_message = 'Volume name entry exists in vl database'
    table = 'VL'


class VL_CREATEFAIL(_rpc.RPCError):
    """363523 (VL): Internal creation failure"""

    code = 363523
    error_name = 'VL_CREATEFAIL'
    error_message = 'Internal creation failure'
    table = 'VL'


class VL_NOENT(_rpc.RPCError):
    """363524 (VL): No such entry"""

    code = 363524
    error_name = 'VL_NOENT'
    error_message = 'No such entry'
    table = 'VL'


class VL_EMPTY(_rpc.RPCError):
    """363525 (VL): Vl database is empty"""

    code = 363525
    error_name = 'VL_EMPTY'
    error_message = 'Vl database is empty'
    table = 'VL'


class VL_ENTDELETED(_rpc.RPCError):
    """363526 (VL): Entry is deleted (soft delete)"""

    code = 363526
    error_name = 'VL_ENTDELETED'
    error_message = 'Entry is deleted (soft delete)'
    table = 'VL'


class VL_BADNAME(_rpc.RPCError):
    """363527 (VL): Volume name is illegal"""

    code = 363527
    error_name = 'VL_BADNAME'
    error_message = 'Volume name is illegal'
    table = 'VL'


class VL_BADINDEX(_rpc.RPCError):
    """363528 (VL): Index is out of range"""

    code = 363528
    error_name = 'VL_BADINDEX'
    error_message = 'Index is out of range'
    table = 'VL'


class VL_BADVOLTYPE(_rpc.RPCError):
    """363529 (VL): Bad volume type"""

    code = 363529
    error_name = 'VL_BADVOLTYPE'
    error_message = 'Bad volume type'
    table = 'VL'


class VL_BADSERVER(_rpc.RPCError):
    """363530 (VL): Illegal server number (out of range)"""

    code = 363530
    error_name = 'VL_BADSERVER'
    error_message = 'Illegal server number (out of range)'
    table = 'VL'


class VL_BADPARTITION(_rpc.RPCError):
    """363531 (VL): Bad partition number"""

    code = 363531
    error_name = 'VL_BADPARTITION'
    error_message = 'Bad partition number'
    table = 'VL'


class VL_REPSFULL(_rpc.RPCError):
    """363532 (VL): Run out of space for Replication sites"""

    code = 363532
    error_name = 'VL_REPSFULL'
    error_message = 'Run out of space for Replication sites'
    table = 'VL'


class VL_NOREPSERVER(_rpc.RPCError):
    """363533 (VL): No such Replication server site exists"""

    code = 363533
    error_name = 'VL_NOREPSERVER'
    error_message = 'No such Replication server site exists'
    table = 'VL'


class VL_DUPREPSERVER(_rpc.RPCError):
    """363534 (VL): Replication site already exists"""

    code = 363534
    error_name = 'VL_DUPREPSERVER'
    error_message = 'Replication site already exists'
    table = 'VL'


class VL_RWNOTFOUND(_rpc.RPCError):
    """363535 (VL): Parent R/W entry not found"""

    code = 363535
    error_name = 'VL_RWNOTFOUND'
    error_message = 'Parent R/W entry not found'
    table = 'VL'


class VL_BADREFCOUNT(_rpc.RPCError):
    """363536 (VL): Illegal Reference Count number"""

    code = 363536
    error_name = 'VL_BADREFCOUNT'
    error_message = 'Illegal Reference Count number'
    table = 'VL'


class VL_SIZEEXCEEDED(_rpc.RPCError):
    """363537 (VL): Vl size for attributes exceeded"""

    code = 363537
    error_name = 'VL_SIZEEXCEEDED'
    error_message = 'Vl size for attributes exceeded'
    table = 'VL'


class VL_BADENTRY(_rpc.RPCError):
    """363538 (VL): Bad incoming vl entry"""

    code = 363538
    error_name = 'VL_BADENTRY'
    error_message = 'Bad incoming vl entry'
    table = 'VL'


class VL_BADVOLIDBUMP(_rpc.RPCError):
    """363539 (VL): Illegal max volid increment"""

    code = 363539
    error_name = 'VL_BADVOLIDBUMP'
    error_message = 'Illegal max volid increment'
    table = 'VL'


class VL_IDALREADYHASHED(_rpc.RPCError):
    """363540 (VL): RO/BACK id already hashed"""

    code = 363540
    error_name = 'VL_IDALREADYHASHED'
    error_message = 'RO/BACK id already hashed'
    table = 'VL'


class VL_ENTRYLOCKED(_rpc.RPCError):
    """363541 (VL): Vl entry is already locked"""

    code = 363541
    error_name = 'VL_ENTRYLOCKED'
    error_message = 'Vl entry is already locked'
    table = 'VL'


class VL_BADVOLOPER(_rpc.RPCError):
    """363542 (VL): Bad volume operation code"""

    code = 363542
    error_name = 'VL_BADVOLOPER'
    error_message = 'Bad volume operation code'
    table = 'VL'


class VL_BADRELLOCKTYPE(_rpc.RPCError):
    """363543 (VL): Bad release lock type"""

    code = 363543
    error_name = 'VL_BADRELLOCKTYPE'
    error_message = 'Bad release lock type'
    table = 'VL'


class VL_RERELEASE(_rpc.RPCError):
    """363544 (VL): Status report: last release was aborted"""

    code = 363544
    error_name = 'VL_RERELEASE'
    error_message = 'Status report: last release was aborted'
    table = 'VL'


class VL_BADSERVERFLAG(_rpc.RPCError):
    """363545 (VL): Invalid replication site server flag"""

    code = 363545
    error_name = 'VL_BADSERVERFLAG'
    error_message = 'Invalid replication site server flag'
    table = 'VL'


class VL_PERM(_rpc.RPCError):
    """363546 (VL): No permission access"""

    code = 363546
    error_name = 'VL_PERM'
    error_message = 'No permission access'
    table = 'VL'


class VL_NOMEM(_rpc.RPCError):
    """363547 (VL): malloc(realloc) failed to alloc enough memory"""

    code = 363547
    error_name = 'VL_NOMEM'
    error_message = 'malloc(realloc) failed to alloc enough memory'
    table = 'VL'


class VL_BADVERSION(_rpc.RPCError):
    """363548 (VL): Wrong vldb version"""

    code = 363548
    error_name = 'VL_BADVERSION'
    error_message = 'Wrong vldb version'
    table = 'VL'


class VL_INDEXERANGE(_rpc.RPCError):
    """363549 (VL): Index out of range"""

    code = 363549
    error_name = 'VL_INDEXERANGE'
    error_message = 'Index out of range'
    table = 'VL'


class VL_MULTIPADDR(_rpc.RPCError):
    """363550 (VL): Servers have the same ip address"""

    code = 363550
    error_name = 'VL_MULTIPADDR'
    error_message = 'Servers have the same ip address'
    table = 'VL'


class VL_BADMASK(_rpc.RPCError):
    """363551 (VL): Illegal attribute mask value"""

    code = 363551
    error_name = 'VL_BADMASK'
    error_message = 'Illegal attribute mask value'
    table = 'VL'


class VL_DBBAD(_rpc.RPCError):
    """363552 (VL): Database is inconsistent"""

    code = 363552
    error_name = 'VL_DBBAD'
    error_message = 'Database is inconsistent'
    table = 'VL'


class PREXIST(_rpc.RPCError):
    """267264 (PT): Entry for name already exists"""

    code = 267264
    error_name = 'PREXIST'
    error_message = 'Entry for name already exists'
    table = 'PT'


class PRIDEXIST(_rpc.RPCError):
    """267265 (PT): Entry for id already exists"""

    code = 267265
    error_name = 'PRIDEXIST'
    error_message = 'Entry for id already exists'
    table = 'PT'


class PRNOIDS(_rpc.RPCError):
    """267266 (PT): Couldn't allocate an id for this entry"""

    code = 267266
    error_name = 'PRNOIDS'
    error_message = "Couldn't allocate an id for this entry"
    table = 'PT'


class PRDBFAIL(_rpc.RPCError):
    """267267 (PT): Couldn't read/write the database"""

    code = 267267
    error_name = 'PRDBFAIL'
    error_message = "Couldn't read/write the database"
    table = 'PT'


class PRNOENT(_rpc.RPCError):
    """267268 (PT): User or group doesn't exist"""

    code = 267268
    error_name = 'PRNOENT'
    error_message = "User or group doesn't exist"
    table = 'PT'


class PRPERM(_rpc.RPCError):
    """267269 (PT): Permission denied"""

    code = 267269
    error_name = 'PRPERM'
    error_message = 'Permission denied'
    table = 'PT'


class PRNOTGROUP(_rpc.RPCError):
    """267270 (PT): No group specified"""

    code = 267270
    error_name = 'PRNOTGROUP'
    error_message = 'No group specified'
    table = 'PT'


class PRNOTUSER(_rpc.RPCError):
    """267271 (PT): No user specified"""

    code = 267271
    error_name = 'PRNOTUSER'
    error_message = 'No user specified'
    table = 'PT'


class PRBADNAM(_rpc.RPCError):
    """267272 (PT): Badly formed name (group prefix doesn't match owner?)"""

    code = 267272
    error_name = 'PRBADNAM'
    error_message = "Badly formed name (group prefix doesn't match owner?)"
    table = 'PT'


class PRBADARG(_rpc.RPCError):
    """267273 (PT): argument illegal or out of range"""

    code = 267273
    error_name = 'PRBADARG'
    error_message = 'argument illegal or out of range'
    table = 'PT'


class PRNOMORE(_rpc.RPCError):
    """267274 (PT): may not create more groups"""

    code = 267274
    error_name = 'PRNOMORE'
    error_message = 'may not create more groups'
    table = 'PT'


class PRDBBAD(_rpc.RPCError):
    """267275 (PT): database needs rebuilding"""

    code = 267275
    error_name = 'PRDBBAD'
    error_message = 'database needs rebuilding'
    table = 'PT'


class PRGROUPEMPTY(_rpc.RPCError):
    """267276 (PT): can't make owner an empty group"""

    code = 267276
    error_name = 'PRGROUPEMPTY'
    error_message = "can't make owner an empty group"
    table = 'PT'


class PRINCONSISTENT(_rpc.RPCError):
    """267277 (PT): database is inconsistent"""

    code = 267277
    error_name = 'PRINCONSISTENT'
    error_message = 'database is inconsistent'
    table = 'PT'


class PRDBADDR(_rpc.RPCError):
    """267278 (PT): bad database address"""

    code = 267278
    error_name = 'PRDBADDR'
    error_message = 'bad database address'
    table = 'PT'


class PRTOOMANY(_rpc.RPCError):
    """267279 (PT): too many elements in group"""

    code = 267279
    error_name = 'PRTOOMANY'
    error_message = 'too many elements in group'
    table = 'PT'


class PRNOMEM(_rpc.RPCError):
    """267280 (PT): malloc failed to alloc enough memory"""

    code = 267280
    error_name = 'PRNOMEM'
    error_message = 'malloc failed to alloc enough memory'
    table = 'PT'


class PRINTERNAL(_rpc.RPCError):
    """267281 (PT): Protection library internal error"""

    code = 267281
    error_name = 'PRINTERNAL'
    error_message = 'Protection library internal error'
    table = 'PT'


class PRNAMETOOLONG(_rpc.RPCError):
    """267282 (PT): name is too long (maximum 63 characters)"""

    code = 267282
    error_name = 'PRNAMETOOLONG'
    error_message = 'name is too long (maximum 63 characters)'
    table = 'PT'


class BZNOTACTIVE(_rpc.RPCError):
    """39424 (BZ): process not active"""

    code = 39424
    error_name = 'BZNOTACTIVE'
    error_message = 'process not active'
    table = 'BZ'


class BZNOENT(_rpc.RPCError):
    """39425 (BZ): no such entity"""

    code = 39425
    error_name = 'BZNOENT'
    error_message = 'no such entity'
    table = 'BZ'


class BZBUSY(_rpc.RPCError):
    """39426 (BZ): can't do operation now"""

    code = 39426
    error_name = 'BZBUSY'
    error_message = "can't do operation now"
    table = 'BZ'


class BZEXISTS(_rpc.RPCError):
    """39427 (BZ): entity already exists"""

    code = 39427
    error_name = 'BZEXISTS'
    error_message = 'entity already exists'
    table = 'BZ'


class BZNOCREATE(_rpc.RPCError):
    """39428 (BZ): failed to create entity"""

    code = 39428
    error_name = 'BZNOCREATE'
    error_message = 'failed to create entity'
    table = 'BZ'


class BZDOM(_rpc.RPCError):
    """39429 (BZ): index out of range"""

    code = 39429
    error_name = 'BZDOM'
    error_message = 'index out of range'
    table = 'BZ'


class BZACCESS(_rpc.RPCError):
    """39430 (BZ): you are not authorized for this operation"""

    code = 39430
    error_name = 'BZACCESS'
    error_message = 'you are not authorized for this operation'
    table = 'BZ'


class BZSYNTAX(_rpc.RPCError):
    """39431 (BZ): syntax error in create parameter"""

    code = 39431
    error_name = 'BZSYNTAX'
    error_message = 'syntax error in create parameter'
    table = 'BZ'


class BZIO(_rpc.RPCError):
    """39432 (BZ): I/O error"""

    code = 39432
    error_name = 'BZIO'
    error_message = 'I/O error'
    table = 'BZ'


class BZNET(_rpc.RPCError):
    """39433 (BZ): network problem"""

    code = 39433
    error_name = 'BZNET'
    error_message = 'network problem'
    table = 'BZ'


class BZBADTYPE(_rpc.RPCError):
    """39434 (BZ): unrecognized bnode type"""

    code = 39434
    error_name = 'BZBADTYPE'
    error_message = 'unrecognized bnode type'
    table = 'BZ'


class BZKEYINUSE(_rpc.RPCError):
    """39435 (BZ): kvno already used - have to remove existing kvno's before reuse"""

    code = 39435
    error_name = 'BZKEYINUSE'
    error_message = "kvno already used - have to remove existing kvno's before reuse"
    table = 'BZ'


class BZENCREQ(_rpc.RPCError):
    """39436 (BZ): this function requires encrypted input, use a newer client program"""

    code = 39436
    error_name = 'BZENCREQ'
    error_message = 'this function requires encrypted input, use a newer client program'
    table = 'BZ'


class VOLSERTRELE_ERROR(_rpc.RPCError):
    """1492325120 (VOLS): internal error releasing transaction"""

    code = 1492325120
    error_name = 'VOLSERTRELE_ERROR'
    error_message = 'internal error releasing transaction'
    table = 'VOLS'


class VOLSERNO_OP(_rpc.RPCError):
    """1492325121 (VOLS): unknown internal error"""

    code = 1492325121
    error_name = 'VOLSERNO_OP'
    error_message = 'unknown internal error'
    table = 'VOLS'


class VOLSERREAD_DUMPERROR(_rpc.RPCError):
    """1492325122 (VOLS): badly formatted dump"""

    code = 1492325122
    error_name = 'VOLSERREAD_DUMPERROR'
    error_message = 'badly formatted dump'
    table = 'VOLS'


class VOLSERDUMPERROR(_rpc.RPCError):
    """1492325123 (VOLS): badly formatted dump(2)"""

    code = 1492325123
    error_name = 'VOLSERDUMPERROR'
    error_message = 'badly formatted dump(2)'
    table = 'VOLS'


class VOLSERATTACH_ERROR(_rpc.RPCError):
    """1492325124 (VOLS): could not attach volume"""

    code = 1492325124
    error_name = 'VOLSERATTACH_ERROR'
    error_message = 'could not attach volume'
    table = 'VOLS'


class VOLSERILLEGAL_PARTITION(_rpc.RPCError):
    """1492325125 (VOLS): illegal partition"""

    code = 1492325125
    error_name = 'VOLSERILLEGAL_PARTITION'
    error_message = 'illegal partition'
    table = 'VOLS'


class VOLSERDETACH_ERROR(_rpc.RPCError):
    """1492325126 (VOLS): could not detach volume"""

    code = 1492325126
    error_name = 'VOLSERDETACH_ERROR'
    error_message = 'could not detach volume'
    table = 'VOLS'


class VOLSERBAD_ACCESS(_rpc.RPCError):
    """1492325127 (VOLS): insufficient privilege for volume operation"""

    code = 1492325127
    error_name = 'VOLSERBAD_ACCESS'
    error_message = 'insufficient privilege for volume operation'
    table = 'VOLS'


class VOLSERVLDB_ERROR(_rpc.RPCError):
    """1492325128 (VOLS): error from volume location database"""

    code = 1492325128
    error_name = 'VOLSERVLDB_ERROR'
    error_message = 'error from volume location database'
    table = 'VOLS'


class VOLSERBADNAME(_rpc.RPCError):
    """1492325129 (VOLS): bad volume name"""

    code = 1492325129
    error_name = 'VOLSERBADNAME'
    error_message = 'bad volume name'
    table = 'VOLS'


class VOLSERVOLMOVED(_rpc.RPCError):
    """1492325130 (VOLS): volume moved"""

    code = 1492325130
    error_name = 'VOLSERVOLMOVED'
    error_message = 'volume moved'
    table = 'VOLS'


class VOLSERBADOP(_rpc.RPCError):
    """1492325131 (VOLS): illegal volume operation"""

    code = 1492325131
    error_name = 'VOLSERBADOP'
    error_message = 'illegal volume operation'
    table = 'VOLS'


class VOLSERBADRELEASE(_rpc.RPCError):
    """1492325132 (VOLS): volume release failed"""

    code = 1492325132
    error_name = 'VOLSERBADRELEASE'
    error_message = 'volume release failed'
    table = 'VOLS'


class VOLSERVOLBUSY(_rpc.RPCError):
    """1492325133 (VOLS): volume still in use by volserver"""

    code = 1492325133
    error_name = 'VOLSERVOLBUSY'
    error_message = 'volume still in use by volserver'
    table = 'VOLS'


class VOLSERNO_MEMORY(_rpc.RPCError):
    """1492325134 (VOLS): out of virtual memory in volserver"""

    code = 1492325134
    error_name = 'VOLSERNO_MEMORY'
    error_message = 'out of virtual memory in volserver'
    table = 'VOLS'


class VOLSERNOVOL(_rpc.RPCError):
    """1492325135 (VOLS): no such volume"""

    code = 1492325135
    error_name = 'VOLSERNOVOL'
    error_message = 'no such volume'
    table = 'VOLS'


class VOLSERMULTIRWVOL(_rpc.RPCError):
    """1492325136 (VOLS): more than one read/write volume"""

    code = 1492325136
    error_name = 'VOLSERMULTIRWVOL'
    error_message = 'more than one read/write volume'
    table = 'VOLS'


class VOLSERFAILEDOP(_rpc.RPCError):
    """1492325137 (VOLS): failed volume server operation"""

    code = 1492325137
    error_name = 'VOLSERFAILEDOP'
    error_message = 'failed volume server operation'
    table = 'VOLS'


class UNOQUORUM(_rpc.RPCError):
    """5376 (U): no quorum elected"""

    code = 5376
    error_name = 'UNOQUORUM'
    error_message = 'no quorum elected'
    table = 'U'


class UNOTSYNC(_rpc.RPCError):
    """5377 (U): not synchronization site (should work on sync site)"""

    code = 5377
    error_name = 'UNOTSYNC'
    error_message = 'not synchronization site (should work on sync site)'
    table = 'U'


class UNHOSTS(_rpc.RPCError):
    """5378 (U): too many hosts"""

    code = 5378
    error_name = 'UNHOSTS'
    error_message = 'too many hosts'
    table = 'U'


class UIOERROR(_rpc.RPCError):
    """5379 (U): I/O error writing dbase or log"""

    code = 5379
    error_name = 'UIOERROR'
    error_message = 'I/O error writing dbase or log'
    table = 'U'


class UINTERNAL(_rpc.RPCError):
    """5380 (U): mysterious internal error"""

    code = 5380
    error_name = 'UINTERNAL'
    error_message = 'mysterious internal error'
    table = 'U'


class USYNC(_rpc.RPCError):
    """5381 (U): major synchronization error"""

    code = 5381
    error_name = 'USYNC'
    error_message = 'major synchronization error'
    table = 'U'


class UNOENT(_rpc.RPCError):
    """5382 (U): file not found when processing dbase"""

    code = 5382
    error_name = 'UNOENT'
    error_message = 'file not found when processing dbase'
    table = 'U'


class UBADLOCK(_rpc.RPCError):
    """5383 (U): bad lock range size (must be 1)"""

    code = 5383
    error_name = 'UBADLOCK'
    error_message = 'bad lock range size (must be 1)'
    table = 'U'


class UBADLOG(_rpc.RPCError):
    """5384 (U): read error reprocessing log"""

    code = 5384
    error_name = 'UBADLOG'
    error_message = 'read error reprocessing log'
    table = 'U'


class UBADHOST(_rpc.RPCError):
    """5385 (U): problems with host name"""

    code = 5385
    error_name = 'UBADHOST'
    error_message = 'problems with host name'
    table = 'U'


class UBADTYPE(_rpc.RPCError):
    """5386 (U): bad operation for this transaction type"""

    code = 5386
    error_name = 'UBADTYPE'
    error_message = 'bad operation for this transaction type'
    table = 'U'


class UTWOENDS(_rpc.RPCError):
    """5387 (U): two commits or aborts done to transaction"""

    code = 5387
    error_name = 'UTWOENDS'
    error_message = 'two commits or aborts done to transaction'
    table = 'U'


class UDONE(_rpc.RPCError):
    """5388 (U): operation done after abort (or commmit)"""

    code = 5388
    error_name = 'UDONE'
    error_message = 'operation done after abort (or commmit)'
    table = 'U'


class UNOSERVERS(_rpc.RPCError):
    """5389 (U): no servers appear to be up"""

    code = 5389
    error_name = 'UNOSERVERS'
    error_message = 'no servers appear to be up'
    table = 'U'


class UEOF(_rpc.RPCError):
    """5390 (U): premature EOF"""

    code = 5390
    error_name = 'UEOF'
    error_message = 'premature EOF'
    table = 'U'


class ULOGIO(_rpc.RPCError):
    """5391 (U): error writing log file"""

    code = 5391
    error_name = 'ULOGIO'
    error_message = 'error writing log file'
    table = 'U'


class UBADFAM(_rpc.RPCError):
    """5392 (U): unsupported address family -- bogus error"""

    code = 5392
    error_name = 'UBADFAM'
    error_message = 'unsupported address family -- bogus error'
    table = 'U'


class UBADCELL(_rpc.RPCError):
    """5393 (U): inconsistent cell name -- bogus error"""

    code = 5393
    error_name = 'UBADCELL'
    error_message = 'inconsistent cell name -- bogus error'
    table = 'U'


class UBADSECGRP(_rpc.RPCError):
    """5394 (U): security group bad or missing -- bogus error"""

    code = 5394
    error_name = 'UBADSECGRP'
    error_message = 'security group bad or missing -- bogus error'
    table = 'U'


class UBADGROUP(_rpc.RPCError):
    """5395 (U): server group name bad or missing -- bogus error"""

    code = 5395
    error_name = 'UBADGROUP'
    error_message = 'server group name bad or missing -- bogus error'
    table = 'U'


class UBADUUID(_rpc.RPCError):
    """5396 (U): server uuid bad or missing -- bogus error"""

    code = 5396
    error_name = 'UBADUUID'
    error_message = 'server uuid bad or missing -- bogus error'
    table = 'U'


class UNOMEM(_rpc.RPCError):
    """5397 (U): memory allocation failure -- bogus error"""

    code = 5397
    error_name = 'UNOMEM'
    error_message = 'memory allocation failure -- bogus error'
    table = 'U'


class UNOTMEMBER(_rpc.RPCError):
    """5398 (U): host not a member of server group -- bogus error"""

    code = 5398
    error_name = 'UNOTMEMBER'
    error_message = 'host not a member of server group -- bogus error'
    table = 'U'


class UNBINDINGS(_rpc.RPCError):
    """5399 (U): too many bindings per server -- bogus error"""

    code = 5399
    error_name = 'UNBINDINGS'
    error_message = 'too many bindings per server -- bogus error'
    table = 'U'


class UBADPRINNAME(_rpc.RPCError):
    """5400 (U): inconsistent principal name from binding -- bogus error"""

    code = 5400
    error_name = 'UBADPRINNAME'
    error_message = 'inconsistent principal name from binding -- bogus error'
    table = 'U'


class UPIPE(_rpc.RPCError):
    """5401 (U): I/O error in ubik pipe -- bogus error"""

    code = 5401
    error_name = 'UPIPE'
    error_message = 'I/O error in ubik pipe -- bogus error'
    table = 'U'


class UDEADLOCK(_rpc.RPCError):
    """5402 (U): operation aborted to prevent dead lock (two sync sites?)"""

    code = 5402
    error_name = 'UDEADLOCK'
    error_message = 'operation aborted to prevent dead lock (two sync sites?)'
    table = 'U'


class UEXCEPTION(_rpc.RPCError):
    """5403 (U): rpc runtime exception caught -- bogus error"""

    code = 5403
    error_name = 'UEXCEPTION'
    error_message = 'rpc runtime exception caught -- bogus error'
    table = 'U'


class UTPQFAIL(_rpc.RPCError):
    """5404 (U): vote thread pool queue operation failed -- bogus error"""

    code = 5404
    error_name = 'UTPQFAIL'
    error_message = 'vote thread pool queue operation failed -- bogus error'
    table = 'U'


class USKEWED(_rpc.RPCError):
    """5405 (U): clock skew among servers too high -- bogus error"""

    code = 5405
    error_name = 'USKEWED'
    error_message = 'clock skew among servers too high -- bogus error'
    table = 'U'


class UNOLOCK(_rpc.RPCError):
    """5406 (U): repeatedly failed to obtain ubik lock -- bogus error"""

    code = 5406
    error_name = 'UNOLOCK'
    error_message = 'repeatedly failed to obtain ubik lock -- bogus error'
    table = 'U'


class UNOACCESS(_rpc.RPCError):
    """5407 (U): permission denied for attempted operation -- bogus error"""

    code = 5407
    error_name = 'UNOACCESS'
    error_message = 'permission denied for attempted operation -- bogus error'
    table = 'U'


class UNOSPC(_rpc.RPCError):
    """5408 (U): no space left on database device -- bogus error"""

    code = 5408
    error_name = 'UNOSPC'
    error_message = 'no space left on database device -- bogus error'
    table = 'U'


class UBADPATH(_rpc.RPCError):
    """5409 (U): invalid DB pathname -- bogus error"""

    code = 5409
    error_name = 'UBADPATH'
    error_message = 'invalid DB pathname -- bogus error'
    table = 'U'


class UBADF(_rpc.RPCError):
    """5410 (U): bad file descriptor -- bogus error"""

    code = 5410
    error_name = 'UBADF'
    error_message = 'bad file descriptor -- bogus error'
    table = 'U'


class UREINITIALIZE(_rpc.RPCError):
    """5411 (U): Reinitialize called before initialize"""

    code = 5411
    error_name = 'UREINITIALIZE'
    error_message = 'Reinitialize called before initialize'
    table = 'U'


class UMUTEXINIT(_rpc.RPCError):
    """5412 (U): failed to initialize per client mutex"""

    code = 5412
    error_name = 'UMUTEXINIT'
    error_message = 'failed to initialize per client mutex'
    table = 'U'


class UMUTEXDESTROY(_rpc.RPCError):
    """5413 (U): failed to destroy per client mutex"""

    code = 5413
    error_name = 'UMUTEXDESTROY'
    error_message = 'failed to destroy per client mutex'
    table = 'U'


class RXKADINCONSISTENCY(_rpc.RPCError):
    """19270400 (RXK): Security module structure inconsistent"""

    code = 19270400
    error_name = 'RXKADINCONSISTENCY'
    error_message = 'Security module structure inconsistent'
    table = 'RXK'


class RXKADPACKETSHORT(_rpc.RPCError):
    """19270401 (RXK): Packet too short for security challenge"""

    code = 19270401
    error_name = 'RXKADPACKETSHORT'
    error_message = 'Packet too short for security challenge'
    table = 'RXK'


class RXKADLEVELFAIL(_rpc.RPCError):
    """19270402 (RXK): Security level negotiation failed"""

    code = 19270402
    error_name = 'RXKADLEVELFAIL'
    error_message = 'Security level negotiation failed'
    table = 'RXK'


class RXKADTICKETLEN(_rpc.RPCError):
    """19270403 (RXK): Ticket length too long or too short"""

    code = 19270403
    error_name = 'RXKADTICKETLEN'
    error_message = 'Ticket length too long or too short'
    table = 'RXK'


class RXKADOUTOFSEQUENCE(_rpc.RPCError):
    """19270404 (RXK): packet had bad sequence number"""

    code = 19270404
    error_name = 'RXKADOUTOFSEQUENCE'
    error_message = 'packet had bad sequence number'
    table = 'RXK'


class RXKADNOAUTH(_rpc.RPCError):
    """19270405 (RXK): caller not authorized"""

    code = 19270405
    error_name = 'RXKADNOAUTH'
    error_message = 'caller not authorized'
    table = 'RXK'


class RXKADBADKEY(_rpc.RPCError):
    """19270406 (RXK): illegal key: bad parity or weak"""

    code = 19270406
    error_name = 'RXKADBADKEY'
    error_message = 'illegal key: bad parity or weak'
    table = 'RXK'


class RXKADBADTICKET(_rpc.RPCError):
    """19270407 (RXK): security object was passed a bad ticket"""

    code = 19270407
    error_name = 'RXKADBADTICKET'
    error_message = 'security object was passed a bad ticket'
    table = 'RXK'


class RXKADUNKNOWNKEY(_rpc.RPCError):
    """19270408 (RXK): ticket contained unknown key version number"""

    code = 19270408
    error_name = 'RXKADUNKNOWNKEY'
    error_message = 'ticket contained unknown key version number'
    table = 'RXK'


class RXKADEXPIRED(_rpc.RPCError):
    """19270409 (RXK): authentication expired"""

    code = 19270409
    error_name = 'RXKADEXPIRED'
    error_message = 'authentication expired'
    table = 'RXK'


class RXKADSEALEDINCON(_rpc.RPCError):
    """19270410 (RXK): sealed data inconsistent"""

    code = 19270410
    error_name = 'RXKADSEALEDINCON'
    error_message = 'sealed data inconsistent'
    table = 'RXK'


class RXKADDATALEN(_rpc.RPCError):
    """19270411 (RXK): user data too long"""

    code = 19270411
    error_name = 'RXKADDATALEN'
    error_message = 'user data too long'
    table = 'RXK'


class RXKADILLEGALLEVEL(_rpc.RPCError):
    """19270412 (RXK): caller not authorized to use encrypted connections"""

    code = 19270412
    error_name = 'RXKADILLEGALLEVEL'
    error_message = 'caller not authorized to use encrypted connections'
    table = 'RXK'


class KTC_ERROR(_rpc.RPCError):
    """11862784 (KTC): an unexpected error was encountered"""

    code = 11862784
    error_name = 'KTC_ERROR'
    error_message = 'an unexpected error was encountered'
    table = 'KTC'


class KTC_TOOBIG(_rpc.RPCError):
    """11862785 (KTC): a buffer was too small for the response"""

    code = 11862785
    error_name = 'KTC_TOOBIG'
    error_message = 'a buffer was too small for the response'
    table = 'KTC'


class KTC_INVAL(_rpc.RPCError):
    """11862786 (KTC): an invalid argument was passed in"""

    code = 11862786
    error_name = 'KTC_INVAL'
    error_message = 'an invalid argument was passed in'
    table = 'KTC'


class KTC_NOENT(_rpc.RPCError):
    """11862787 (KTC): no such entry"""

    code = 11862787
    error_name = 'KTC_NOENT'
    error_message = 'no such entry'
    table = 'KTC'


class KTC_PIOCTLFAIL(_rpc.RPCError):
    """11862788 (KTC): a pioctl failed"""

    code = 11862788
    error_name = 'KTC_PIOCTLFAIL'
    error_message = 'a pioctl failed'
    table = 'KTC'


class KTC_NOPIOCTL(_rpc.RPCError):
    """11862789 (KTC): AFS kernel pioctl doesn't exist"""

    code = 11862789
    error_name = 'KTC_NOPIOCTL'
    error_message = "AFS kernel pioctl doesn't exist"
    table = 'KTC'


class KTC_NOCELL(_rpc.RPCError):
    """11862790 (KTC): unknown cell was passed to SetToken"""

    code = 11862790
    error_name = 'KTC_NOCELL'
    error_message = 'unknown cell was passed to SetToken'
    table = 'KTC'


class KTC_NOCM(_rpc.RPCError):
    """11862791 (KTC): Cache Manager is not initialized / afsd is not running"""

    code = 11862791
    error_name = 'KTC_NOCM'
    error_message = 'Cache Manager is not initialized / afsd is not running'
    table = 'KTC'


class KTC_RPC(_rpc.RPCError):
    """11862792 (KTC): failed to send or receive session key via remote procedure call"""

    code = 11862792
    error_name = 'KTC_RPC'
    error_message = 'failed to send or receive session key via remote procedure call'
    table = 'KTC'


class KTC_NOCMRPC(_rpc.RPCError):
    """11862793 (KTC): Cache Manager RPC server is not responding"""

    code = 11862793
    error_name = 'KTC_NOCMRPC'
    error_message = 'Cache Manager RPC server is not responding'
    table = 'KTC'


class KTC_TOKEN_MUTEX_FAIL(_rpc.RPCError):
    """11862794 (KTC): AFS_KTC_Mutex failure"""

    code = 11862794
    error_name = 'KTC_TOKEN_MUTEX_FAIL'
    error_message = 'AFS_KTC_Mutex failure'
    table = 'KTC'


ERRORS: Final[tuple[type[_rpc.RPCError], ...]] = (VL_IDEXIST, VL_IO, VL_NAMEEXIST, VL_CREATEFAIL, VL_NOENT, VL_EMPTY, VL_ENTDELETED, VL_BADNAME, VL_BADINDEX, VL_BADVOLTYPE, VL_BADSERVER, VL_BADPARTITION, VL_REPSFULL, VL_NOREPSERVER, VL_DUPREPSERVER, VL_RWNOTFOUND, VL_BADREFCOUNT, VL_SIZEEXCEEDED, VL_BADENTRY, VL_BADVOLIDBUMP, VL_IDALREADYHASHED, VL_ENTRYLOCKED, VL_BADVOLOPER, VL_BADRELLOCKTYPE, VL_RERELEASE, VL_BADSERVERFLAG, VL_PERM, VL_NOMEM, VL_BADVERSION, VL_INDEXERANGE, VL_MULTIPADDR, VL_BADMASK, VL_DBBAD, PREXIST, PRIDEXIST, PRNOIDS, PRDBFAIL, PRNOENT, PRPERM, PRNOTGROUP, PRNOTUSER, PRBADNAM, PRBADARG, PRNOMORE, PRDBBAD, PRGROUPEMPTY, PRINCONSISTENT, PRDBADDR, PRTOOMANY, PRNOMEM, PRINTERNAL, PRNAMETOOLONG, BZNOTACTIVE, BZNOENT, BZBUSY, BZEXISTS, BZNOCREATE, BZDOM, BZACCESS, BZSYNTAX, BZIO, BZNET, BZBADTYPE, BZKEYINUSE, BZENCREQ, VOLSERTRELE_ERROR, VOLSERNO_OP, VOLSERREAD_DUMPERROR, VOLSERDUMPERROR, VOLSERATTACH_ERROR, VOLSERILLEGAL_PARTITION, VOLSERDETACH_ERROR, VOLSERBAD_ACCESS, VOLSERVLDB_ERROR, VOLSERBADNAME, VOLSERVOLMOVED, VOLSERBADOP, VOLSERBADRELEASE, VOLSERVOLBUSY, VOLSERNO_MEMORY, VOLSERNOVOL, VOLSERMULTIRWVOL, VOLSERFAILEDOP, UNOQUORUM, UNOTSYNC, UNHOSTS, UIOERROR, UINTERNAL, USYNC, UNOENT, UBADLOCK, UBADLOG, UBADHOST, UBADTYPE, UTWOENDS, UDONE, UNOSERVERS, UEOF, ULOGIO, UBADFAM, UBADCELL, UBADSECGRP, UBADGROUP, UBADUUID, UNOMEM, UNOTMEMBER, UNBINDINGS, UBADPRINNAME, UPIPE, UDEADLOCK, UEXCEPTION, UTPQFAIL, USKEWED, UNOLOCK, UNOACCESS, UNOSPC, UBADPATH, UBADF, UREINITIALIZE, UMUTEXINIT, UMUTEXDESTROY, RXKADINCONSISTENCY, RXKADPACKETSHORT, RXKADLEVELFAIL, RXKADTICKETLEN, RXKADOUTOFSEQUENCE, RXKADNOAUTH, RXKADBADKEY, RXKADBADTICKET, RXKADUNKNOWNKEY, RXKADEXPIRED, RXKADSEALEDINCON, RXKADDATALEN, RXKADILLEGALLEVEL, KTC_ERROR, KTC_TOOBIG, KTC_INVAL, KTC_NOENT, KTC_PIOCTLFAIL, KTC_NOPIOCTL, KTC_NOCELL, KTC_NOCM, KTC_RPC, KTC_NOCMRPC, KTC_TOKEN_MUTEX_FAIL,)
"""The error classes of this module, one per code."""
_rpc.register(ERRORS)
