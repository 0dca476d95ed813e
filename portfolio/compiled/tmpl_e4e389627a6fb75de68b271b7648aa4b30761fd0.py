from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'activity.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_item = resolve('item')
    l_0_m = l_0_a = missing
    pass
    parent_template = environment.get_template('base.html', 'activity.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_m = context.vars['m'] = environment.get_template('macros.html', 'activity.html').make_module(context.get_all(), True, {'a': l_0_a, 'm': l_0_m})
    context.exported_vars.discard('m')
    l_0_a = environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'activity')
    context.vars['a'] = l_0_a
    context.exported_vars.add('a')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_a = resolve('a')
    pass
    yield escape(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'title'))

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_root = resolve('root')
    l_0_a = resolve('a')
    l_0_item = resolve('item')
    l_0_m = resolve('m')
    l_0_as_of = resolve('as_of')
    l_0_when = resolve('when')
    try:
        t_1 = environment.filters['amount']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'amount' found.")
    try:
        t_2 = environment.filters['date']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'date' found.")
    try:
        t_3 = environment.filters['days']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'days' found.")
    try:
        t_4 = environment.filters['format_label']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'format_label' found.")
    try:
        t_5 = environment.filters['state_label']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'state_label' found.")
    try:
        t_6 = environment.filters['url']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'url' found.")
    try:
        t_7 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<nav class="crumbs" aria-label="Breadcrumb"><a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'archive.html">Archive</a> › <a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'archive.html#year-'
    yield escape(environment.getattr(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'completed'), 'year'))
    yield '">'
    yield escape(environment.getattr(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'completed'), 'year'))
    yield '</a></nav>\n<article class="activity state-'
    yield escape(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'state'))
    yield '">\n<header class="activity-head">\n  <h1>'
    yield escape(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'title'))
    yield '</h1>\n  <p class="lede">'
    yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'dates'), (undefined(name='a') if l_0_a is missing else l_0_a), _block_vars=_block_vars))
    yield ' · '
    yield escape(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'provider'))
    yield '</p>\n  <p>'
    yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'state_badge'), (undefined(name='item') if l_0_item is missing else l_0_item), _block_vars=_block_vars))
    yield ' <span class="sub">'
    yield escape(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'explained'))
    yield '</span></p>\n'
    if ((environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'state') == 'pending') and environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'claim_by')):
        pass
        yield '  <p class="callout '
        yield escape(('callout-overdue' if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'overdue') else 'callout-pending'))
        yield '">'
        yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'icon'), ('overdue' if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'overdue') else 'pending'), _block_vars=_block_vars))
        yield '\n'
        if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'overdue'):
            pass
            yield 'The claim deadline, <time datetime="'
            yield escape(context.call(environment.getattr(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'claim_by'), 'isoformat'), _block_vars=_block_vars))
            yield '">'
            yield escape(t_2(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'claim_by')))
            yield '</time>, passed '
            yield escape(t_3(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'days_to_claim')))
            yield '. Ask the provider whether the claim can still be completed.\n'
        else:
            pass
            yield 'Complete the evaluation or claim by <time datetime="'
            yield escape(context.call(environment.getattr(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'claim_by'), 'isoformat'), _block_vars=_block_vars))
            yield '">'
            yield escape(t_2(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'claim_by')))
            yield '</time> ('
            yield escape(t_3(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'days_to_claim')))
            yield ').'
        yield '  </p>\n'
    yield '</header>\n\n<div class="activity-grid">\n<section aria-labelledby="details-h" class="card">\n  <h2 id="details-h">Details</h2>\n  <dl class="fields">\n    <dt>Date</dt><dd>'
    yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'dates'), (undefined(name='a') if l_0_a is missing else l_0_a), _block_vars=_block_vars))
    yield '</dd>\n    <dt>Provider</dt><dd>'
    yield escape(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'provider'))
    yield '</dd>\n    <dt>Accreditor</dt><dd>'
    yield escape((environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'accreditor') or '—'))
    yield '</dd>\n    <dt>Format</dt><dd>'
    yield escape((t_4(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'format')) if environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'format') else '—'))
    yield '</dd>\n    <dt>Credits</dt><dd>'
    yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'credits'), (undefined(name='a') if l_0_a is missing else l_0_a), _block_vars=_block_vars))
    yield '</dd>\n    <dt>Topics</dt><dd>'
    if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'topics'):
        pass
        yield '<ul class="tags">'
        for (l_1_t, l_1_anchor) in environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'topics'):
            _loop_vars = {}
            pass
            yield '<li><a class="tag" href="'
            yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
            yield 'topics.html#'
            yield escape(l_1_anchor)
            yield '">'
            yield escape(environment.getattr(l_1_t, 'name'))
            if (not t_7(environment.getattr(l_1_t, 'credits'))):
                pass
                yield ' ('
                yield escape(t_1(environment.getattr(l_1_t, 'credits')))
                yield ' credits)'
            yield '</a></li>'
        l_1_t = l_1_anchor = missing
        yield '</ul>'
    else:
        pass
        yield '—'
    yield '</dd>\n    <dt>Status</dt><dd>'
    yield escape(t_5(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'state')))
    if environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'claim_by'):
        pass
        yield '; claim by <time datetime="'
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'claim_by'), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'claim_by')))
        yield '</time>'
    yield '</dd>\n    <dt>Counted in totals</dt><dd>'
    yield escape(('Yes' if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'counted') else 'No'))
    if ((not environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'counted')) and (environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'state') == 'documented')):
        pass
        yield ' (completed after <time datetime="'
        yield escape(context.call(environment.getattr((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
        yield '</time>)'
    yield '</dd>\n'
    if environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'location'):
        pass
        yield '<dt>Location</dt><dd>'
        yield escape(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'location'))
        yield '</dd>'
    if environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'url'):
        pass
        yield '<dt>Web page</dt><dd><a class="external" href="'
        yield escape(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'url'))
        yield '" rel="noopener noreferrer nofollow">'
        yield escape(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'url'))
        yield '</a></dd>'
    yield '    <dt>Source file</dt><dd><code>'
    yield escape(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'source'))
    yield '</code></dd>\n'
    if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'history'):
        pass
        l_0_when = environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'history')
        _block_vars['when'] = l_0_when
        yield '    <dt>Recorded on</dt><dd>'
        if environment.getattr((undefined(name='when') if l_0_when is missing else l_0_when), 'committed'):
            pass
            yield '<time datetime="'
            yield escape(context.call(environment.getattr(environment.getattr((undefined(name='when') if l_0_when is missing else l_0_when), 'recorded_on'), 'isoformat'), _block_vars=_block_vars))
            yield '">'
            yield escape(t_2(environment.getattr((undefined(name='when') if l_0_when is missing else l_0_when), 'recorded_on')))
            yield '</time> <span class="sub">(first committed to git)</span>'
        else:
            pass
            yield 'not yet committed'
        yield '</dd>\n    <dt>Last changed</dt><dd>'
        if environment.getattr((undefined(name='when') if l_0_when is missing else l_0_when), 'committed'):
            pass
            yield '<time datetime="'
            yield escape(context.call(environment.getattr(environment.getattr((undefined(name='when') if l_0_when is missing else l_0_when), 'changed_on'), 'isoformat'), _block_vars=_block_vars))
            yield '">'
            yield escape(t_2(environment.getattr((undefined(name='when') if l_0_when is missing else l_0_when), 'changed_on')))
            yield '</time>'
            if environment.getattr((undefined(name='when') if l_0_when is missing else l_0_when), 'edited'):
                pass
                yield ' <span class="sub">(edited since, not yet committed)</span>'
        else:
            pass
            yield 'not yet committed'
        yield '</dd>\n'
    yield '  </dl>\n</section>\n\n<section aria-labelledby="cert-h" class="card">\n  <h2 id="cert-h">Certificates</h2>\n'
    if environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'certificates'):
        pass
        yield '  <ul class="certs">\n'
        for l_1_c in environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'certificates'):
            _loop_vars = {}
            pass
            yield '    <li>\n'
            if (environment.getattr(l_1_c, 'kind') == 'image'):
                pass
                yield '      <a class="thumb" href="'
                yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
                yield escape(t_6(environment.getattr(l_1_c, 'site_path')))
                yield '"><img src="'
                yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
                yield escape(t_6(environment.getattr(l_1_c, 'site_path')))
                yield '" alt="Certificate image: '
                yield escape(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'title'))
                yield '" width="240"></a>\n      <a href="'
                yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
                yield escape(t_6(environment.getattr(l_1_c, 'site_path')))
                yield '">Open full-size image</a>\n'
            else:
                pass
                yield '      <a class="file" href="'
                yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
                yield escape(t_6(environment.getattr(l_1_c, 'site_path')))
                yield '">'
                yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'icon'), 'pdf', _loop_vars=_loop_vars))
                yield '<span>'
                yield escape(environment.getitem(context.call(environment.getattr(environment.getattr(l_1_c, 'path'), 'rsplit'), '/', 1, _loop_vars=_loop_vars), -1))
                yield '</span></a>\n'
            yield '      <div class="sub">SHA-256 <span class="mono hash">'
            yield escape(environment.getattr(l_1_c, 'sha256'))
            yield '</span></div>\n    </li>\n'
        l_1_c = missing
        yield '  </ul>\n'
    else:
        pass
        yield '  <p class="muted">'
        if (environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'state') == 'undocumented'):
            pass
            yield 'No certificate on file. Add one under <code>content/certificates/</code> and cite it with <code>certificate:</code> for this activity to count.'
        else:
            pass
            yield 'None.'
        yield '</p>\n'
    yield '</section>\n</div>\n\n'
    if environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'roles'):
        pass
        yield '<section aria-labelledby="roles-h">\n  <h2 id="roles-h">Requirements</h2>\n  <ul class="roles">\n'
        for l_1_role in environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'roles'):
            _loop_vars = {}
            pass
            yield '    <li>'
            if (not t_7(environment.getattr(l_1_role, 'amount'))):
                pass
                yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'icon'), 'met', _loop_vars=_loop_vars))
                yield ' Counts <strong>'
                yield escape(t_1(environment.getattr(l_1_role, 'amount')))
                yield '</strong> '
                yield escape(environment.getattr(l_1_role, 'credit_type'))
                yield ' toward'
            else:
                pass
                yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'icon'), 'undocumented', _loop_vars=_loop_vars))
                yield ' Not counted toward'
            yield '      <a href="'
            yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
            yield escape(t_6(environment.getattr(environment.getattr(l_1_role, 'requirement'), 'page')))
            yield '">'
            yield escape(environment.getattr(environment.getattr(l_1_role, 'requirement'), 'name'))
            yield '</a>'
            if environment.getattr(l_1_role, 'note'):
                pass
                yield ' <span class="sub">('
                yield escape(environment.getattr(l_1_role, 'note'))
                yield ')</span>'
            if environment.getattr(l_1_role, 'reason'):
                pass
                yield ' <span class="sub">— '
                yield escape(environment.getattr(l_1_role, 'reason'))
                yield '</span>'
            yield '</li>\n'
        l_1_role = missing
        yield '  </ul>\n</section>\n'
    yield '\n<section aria-labelledby="notes-h" class="notes-section">\n  <h2 id="notes-h">Notes</h2>\n'
    if environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'notes_private'):
        pass
        yield '  <p class="muted">'
        yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'icon'), 'undocumented', _block_vars=_block_vars))
        yield ' These notes are private and are not published.</p>\n'
    elif environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'notes'):
        pass
        yield '  <div class="notes">'
        yield escape(environment.getattr((undefined(name='item') if l_0_item is missing else l_0_item), 'notes'))
        yield '</div>\n'
    else:
        pass
        yield '  <p class="muted">No notes.</p>\n'
    yield '</section>\n</article>\n'

blocks = {'title': block_title, 'content': block_content}
debug_info = '1=14&2=17&3=19&4=24&5=35&6=92&7=100&9=102&10=104&11=108&12=112&13=115&14=119&15=131&24=139&25=141&26=143&27=145&28=147&29=149&30=173&31=182&32=191&33=196&34=204&35=206&36=211&37=222&44=237&46=240&48=244&49=247&50=255&52=261&54=269&59=276&64=284&68=287&69=291&70=304&78=323&79=326&80=328&81=331'