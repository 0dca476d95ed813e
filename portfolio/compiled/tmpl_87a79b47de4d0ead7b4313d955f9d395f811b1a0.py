from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'requirement.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_req = resolve('req')
    l_0_m = l_0_r = l_0_q = l_0_contributions = l_0_exclusions = missing
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
    pass
    parent_template = environment.get_template('base.html', 'requirement.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_m = context.vars['m'] = environment.get_template('macros.html', 'requirement.html').make_module(context.get_all(), True, {'contributions': l_0_contributions, 'exclusions': l_0_exclusions, 'm': l_0_m, 'q': l_0_q, 'r': l_0_r})
    context.exported_vars.discard('m')
    l_0_r = environment.getattr((undefined(name='req') if l_0_req is missing else l_0_req), 'result')
    context.vars['r'] = l_0_r
    context.exported_vars.add('r')
    l_0_q = environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'requirement')
    context.vars['q'] = l_0_q
    context.exported_vars.add('q')
    def macro(l_1_items, l_1_caption):
        t_3 = []
        if l_1_items is missing:
            l_1_items = undefined("parameter 'items' was not provided", name='items')
        if l_1_caption is missing:
            l_1_caption = undefined("parameter 'caption' was not provided", name='caption')
        pass
        if l_1_items:
            pass
            t_3.extend((
                '<div class="table-wrap" role="region" aria-label="',
                escape(l_1_caption),
                '" tabindex="0">\n<table class="stack">\n<caption class="visually-hidden">',
                escape(l_1_caption),
                '</caption>\n<thead><tr><th scope="col">Completed</th><th scope="col">Activity</th><th scope="col">Credit type</th><th scope="col" class="num">Counted</th></tr></thead>\n<tbody>\n',
            ))
            for l_2_c in l_1_items:
                _loop_vars = {}
                pass
                t_3.extend((
                    '<tr><td class="nowrap"><time datetime="',
                    escape(context.call(environment.getattr(environment.getattr(environment.getattr(l_2_c, 'activity'), 'completed'), 'isoformat'), _loop_vars=_loop_vars)),
                    '">',
                    escape(t_2(environment.getattr(environment.getattr(l_2_c, 'activity'), 'completed'))),
                    '</time></td><td>',
                    escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'activity_link'), environment.getattr(l_2_c, 'activity'), _loop_vars=_loop_vars)),
                ))
                if environment.getattr(l_2_c, 'note'):
                    pass
                    t_3.extend((
                        '<div class="sub">',
                        escape(environment.getattr(l_2_c, 'note')),
                        '</div>',
                    ))
                t_3.extend((
                    '</td><td data-label="Credit type">',
                    escape(environment.getattr(l_2_c, 'credit_type')),
                    '</td><td class="num" data-label="Counted"><strong>',
                    escape(t_1(environment.getattr(l_2_c, 'amount'))),
                    '</strong></td></tr>\n',
                ))
            l_2_c = missing
            t_3.append(
                '</tbody>\n</table>\n</div>\n',
            )
        else:
            pass
            t_3.append(
                '<p class="muted">No activity counts here yet.</p>\n',
            )
        return concat(t_3)
    context.exported_vars.add('contributions')
    context.vars['contributions'] = l_0_contributions = Macro(environment, macro, 'contributions', ('items', 'caption'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_items, l_1_caption):
        t_4 = []
        if l_1_items is missing:
            l_1_items = undefined("parameter 'items' was not provided", name='items')
        if l_1_caption is missing:
            l_1_caption = undefined("parameter 'caption' was not provided", name='caption')
        pass
        t_4.extend((
            '<div class="table-wrap" role="region" aria-label="',
            escape(l_1_caption),
            '" tabindex="0">\n<table class="stack">\n<caption class="visually-hidden">',
            escape(l_1_caption),
            '</caption>\n<thead><tr><th scope="col">Completed</th><th scope="col">Activity</th><th scope="col">Why it does not count</th></tr></thead>\n<tbody>\n',
        ))
        for l_2_e in l_1_items:
            _loop_vars = {}
            pass
            t_4.extend((
                '<tr><td class="nowrap"><time datetime="',
                escape(context.call(environment.getattr(environment.getattr(environment.getattr(l_2_e, 'activity'), 'completed'), 'isoformat'), _loop_vars=_loop_vars)),
                '">',
                escape(t_2(environment.getattr(environment.getattr(l_2_e, 'activity'), 'completed'))),
                '</time></td><td>',
                escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'activity_link'), environment.getattr(l_2_e, 'activity'), _loop_vars=_loop_vars)),
                '</td><td data-label="Not counted">',
                escape(environment.getattr(l_2_e, 'reason')),
                '</td></tr>\n',
            ))
        l_2_e = missing
        t_4.append(
            '</tbody>\n</table>\n</div>',
        )
        return concat(t_4)
    context.exported_vars.add('exclusions')
    context.vars['exclusions'] = l_0_exclusions = Macro(environment, macro, 'exclusions', ('items', 'caption'), False, False, False, context.eval_ctx.autoescape)
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_q = resolve('q')
    pass
    yield escape(environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'name'))

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_root = resolve('root')
    l_0_req = resolve('req')
    l_0_q = resolve('q')
    l_0_m = resolve('m')
    l_0_r = resolve('r')
    l_0_contributions = resolve('contributions')
    l_0_exclusions = resolve('exclusions')
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
        t_5 = environment.filters['days']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'days' found.")
    try:
        t_6 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_7 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_8 = environment.filters['progress']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'progress' found.")
    try:
        t_9 = environment.filters['short']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'short' found.")
    try:
        t_10 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<nav class="crumbs" aria-label="Breadcrumb"><a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'index.html">Dashboard</a> › Requirements</nav>\n<header class="req-page-head req-'
    yield escape(environment.getattr((undefined(name='req') if l_0_req is missing else l_0_req), 'state'))
    yield '">\n  <h1>'
    yield escape(environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'name'))
    yield '</h1>\n'
    if environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'authority'):
        pass
        yield '<p class="lede">'
        yield escape(environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'authority'))
        yield '</p>'
    yield '  <p>'
    yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'req_badge'), (undefined(name='req') if l_0_req is missing else l_0_req), _block_vars=_block_vars))
    yield '</p>\n</header>\n\n<section class="card req-summary" aria-labelledby="summary-h">\n  <h2 id="summary-h">Progress</h2>\n'
    if (not environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'applies')):
        pass
        yield '<p class="req-note">Does not apply to you: '
        yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'reason'))
        yield '. It is never unmet or overdue; the figures below only show what would count.</p>'
    yield '  '
    yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'meter'), environment.getattr((undefined(name='req') if l_0_req is missing else l_0_req), 'percent'), environment.getattr((undefined(name='req') if l_0_req is missing else l_0_req), 'state'), markup_join((environment.getattr((undefined(name='req') if l_0_req is missing else l_0_req), 'figures'), ', ', environment.getattr((undefined(name='req') if l_0_req is missing else l_0_req), 'label'), )), _block_vars=_block_vars))
    yield '\n  <p class="req-figures">'
    yield escape(environment.getattr((undefined(name='req') if l_0_req is missing else l_0_req), 'figures'))
    yield '</p>\n'
    if (environment.getattr((undefined(name='req') if l_0_req is missing else l_0_req), 'unmet') and environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'applies')):
        pass
        yield '<p class="req-note">'
        if ((not environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'remaining')) and (not environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'remaining_activities'))):
            pass
            yield 'The total is reached, but '
        yield escape(('this minimum is' if (t_7(environment.getattr((undefined(name='req') if l_0_req is missing else l_0_req), 'unmet')) == 1) else 'these minimums are'))
        yield ' not met yet: '
        l_1_loop = missing
        for (l_1_anchor, l_1_mr), l_1_loop in LoopContext(environment.getattr((undefined(name='req') if l_0_req is missing else l_0_req), 'unmet'), undefined):
            _loop_vars = {}
            pass
            yield '<a href="#'
            yield escape(l_1_anchor)
            yield '">'
            yield escape((environment.getattr(environment.getattr(l_1_mr, 'minimum'), 'label') or 'minimum'))
            yield '</a> ('
            yield escape(t_9(l_1_mr))
            yield ')'
            yield escape((', ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 49 in 'requirement.html' evaluated to false and no else section was defined.")))
        l_1_loop = l_1_anchor = l_1_mr = missing
        yield '.</p>'
    yield '  <dl class="figures">\n    <div><dt>Earned</dt><dd>'
    yield escape(t_1(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'earned')))
    yield '</dd></div>\n'
    if (not t_10(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'needed'))):
        pass
        yield '    <div><dt>Needed</dt><dd>'
        yield escape(t_1(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'needed')))
        yield '</dd></div>\n    <div><dt>Remaining</dt><dd>'
        yield escape(t_1(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'remaining')))
        yield '</dd></div>\n'
    if (not t_10(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'needed_activities'))):
        pass
        yield '    <div><dt>Activities</dt><dd>'
        yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'counted_activities'))
        yield ' of '
        yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'needed_activities'))
        yield '</dd></div>\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'applies'):
        pass
        yield '<div><dt>'
        if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'due'):
            pass
            yield 'Due'
        else:
            pass
            yield 'Window ends'
        yield '</dt><dd><time datetime="'
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'end'), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'end')))
        yield '</time>'
        if (not t_10(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'days_left'))):
            pass
            yield '<span class="sub"> '
            yield escape(t_5(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'days_left')))
            yield '</span>'
        yield '</dd></div>'
    yield '  </dl>\n  <dl class="fields">\n    <dt>Window</dt>\n    <dd>'
    if (environment.getattr(environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'window'), 'kind') == 'fixed'):
        pass
        yield '<time datetime="'
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'start'), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'start')))
        yield '</time> – <time datetime="'
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'end'), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'end')))
        yield '</time>, both days included\n'
    elif (environment.getattr(environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'window'), 'kind') == 'rolling'):
        pass
        yield 'the last '
        yield escape(environment.getattr(environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'window'), 'months'))
        yield ' months: <time datetime="'
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'start'), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'start')))
        yield '</time> – <time datetime="'
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'end'), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'end')))
        yield '</time> (moves with the as-of date)\n'
    elif ((environment.getattr(environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'window'), 'kind') == 'license') and t_10(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'start'))):
        pass
        yield escape(environment.getattr((undefined(name='req') if l_0_req is missing else l_0_req), 'window_words'))
        yield ': no dates (you hold no such license)\n'
    elif (environment.getattr(environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'window'), 'kind') == 'license'):
        pass
        yield escape(environment.getattr((undefined(name='req') if l_0_req is missing else l_0_req), 'window_words'))
        yield ': <time datetime="'
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'start'), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'start')))
        yield '</time> – <time datetime="'
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'end'), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'end')))
        yield '</time>, both days included\n'
    else:
        pass
        yield 'lifetime (one-time requirement), up to <time datetime="'
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'end'), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'end')))
        yield '</time>'
    yield '</dd>\n    <dt>Credit types accepted</dt><dd>'
    yield escape((t_6(context.eval_ctx, environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'credit_types'), ', ') if environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'credit_types') else 'every credit type'))
    yield '</dd>\n'
    if environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'topics'):
        pass
        yield '<dt>Only activities on</dt><dd>'
        yield escape(t_6(context.eval_ctx, environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'topics'), ', '))
        yield ' (each counts its credit for the topic)'
        if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'off_topic'):
            pass
            yield '; '
            yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'off_topic'))
            yield ' other documented '
            yield escape(('activity' if (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'off_topic') == 1) else 'activities'))
            yield ' in the window (not listed)'
        yield '</dd>'
    if environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'applies_if'):
        pass
        yield '<dt>Applies if</dt><dd>'
        yield escape(t_6(context.eval_ctx, environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'applies_if'), ', '))
        yield ': '
        if (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'applies') or (not environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'in_force'))):
            pass
            yield 'yes'
        else:
            pass
            yield 'no ('
            yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'reason'))
            yield ')'
        yield '</dd>'
    if environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'effective'):
        pass
        yield '<dt>Took effect</dt><dd><time datetime="'
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'effective'), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2(environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'effective')))
        yield '</time>'
        if (not environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'in_force')):
            pass
            yield ', after this window ended: not owed for it'
        yield '</dd>'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'):
        pass
        yield '<dt>Carried over</dt><dd>'
        if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carried'):
            pass
            yield 'Earned includes <a href="#carry-h">'
            yield escape(t_1(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carried')))
            yield ' carried over</a>'
        else:
            pass
            yield '<a href="#carry-h">Nothing carries over</a>'
        yield ' from <time datetime="'
        yield escape(context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'), 'start'), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'), 'start')))
        yield '</time> – <time datetime="'
        yield escape(context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'), 'end'), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'), 'end')))
        yield '</time> (at most '
        yield escape(t_1(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'), 'limit')))
        yield ')</dd>'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'caps'):
        pass
        yield '<dt>Before caps</dt><dd>'
        yield escape(t_1(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'gross')))
        yield '</dd>'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'outside_window'):
        pass
        yield '<dt>Outside the window</dt><dd>'
        yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'outside_window'))
        yield ' documented '
        yield escape(('activity' if (environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'outside_window') == 1) else 'activities'))
        yield ' (not listed)</dd>'
    if environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'notes'):
        pass
        yield '<dt>Notes</dt><dd>'
        yield escape(environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'notes'))
        yield '</dd>'
    if environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'reference'):
        pass
        yield '<dt>Rule</dt><dd>'
        yield escape(environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'reference'))
        yield '</dd>'
    yield '  </dl>\n</section>\n\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'minimums'):
        pass
        yield '<section aria-labelledby="min-h">\n  <h2 id="min-h">Minimums</h2>\n'
        l_1_loop = missing
        for l_1_mr, l_1_loop in LoopContext(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'minimums'), undefined):
            _loop_vars = {}
            pass
            yield '  <div id="minimum-'
            yield escape(environment.getattr(l_1_loop, 'index'))
            yield '" class="card minimum '
            yield escape(('ok' if environment.getattr(l_1_mr, 'met') else 'todo'))
            yield '">\n    <h3 class="with-icon">'
            if environment.getattr(l_1_mr, 'applies'):
                pass
                yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'icon'), ('met' if environment.getattr(l_1_mr, 'met') else ('overdue' if (environment.getattr((undefined(name='req') if l_0_req is missing else l_0_req), 'state') == 'overdue') else 'in-progress')), _loop_vars=_loop_vars))
            yield '<span class="icon-text">'
            yield escape((environment.getattr(environment.getattr(l_1_mr, 'minimum'), 'label') or 'Minimum'))
            yield ' '
            if (not environment.getattr(l_1_mr, 'applies')):
                pass
                yield '<span class="badge badge-not-applicable">Does not apply</span>'
            else:
                pass
                yield '<span class="badge badge-'
                yield escape(('met' if environment.getattr(l_1_mr, 'met') else environment.getattr((undefined(name='req') if l_0_req is missing else l_0_req), 'state')))
                yield '">'
                yield escape(('Met' if environment.getattr(l_1_mr, 'met') else 'Not met'))
                yield '</span>'
            yield '</span></h3>\n'
            if (not environment.getattr(l_1_mr, 'applies')):
                pass
                yield '<p class="sub">Does not apply to you: '
                yield escape(environment.getattr(l_1_mr, 'reason'))
                yield '.</p>'
            yield '    <p>'
            yield escape(t_8(l_1_mr))
            if environment.getattr(l_1_mr, 'remaining'):
                pass
                yield ' · '
                yield escape(t_1(environment.getattr(l_1_mr, 'remaining')))
                yield ' remaining'
            if ((not t_10(environment.getattr(l_1_mr, 'needed_activities'))) and (environment.getattr(l_1_mr, 'counted_activities') < environment.getattr(l_1_mr, 'needed_activities'))):
                pass
                yield ' · '
                yield escape((environment.getattr(l_1_mr, 'needed_activities') - environment.getattr(l_1_mr, 'counted_activities')))
                yield ' more '
                yield escape(('activity' if ((environment.getattr(l_1_mr, 'needed_activities') - environment.getattr(l_1_mr, 'counted_activities')) == 1) else 'activities'))
                yield ' needed'
            yield '      <span class="sub">· counts '
            yield escape((t_6(context.eval_ctx, environment.getattr(l_1_mr, 'credit_types'), ', ') if environment.getattr(l_1_mr, 'credit_types') else 'every credit type'))
            if environment.getattr(l_1_mr, 'topics'):
                pass
                yield ', only activities on '
                yield escape(t_6(context.eval_ctx, environment.getattr(l_1_mr, 'topics'), ' or '))
            if environment.getattr(environment.getattr(l_1_mr, 'minimum'), 'exclude_topics'):
                pass
                yield '; excludes activities also tagged '
                yield escape(t_6(context.eval_ctx, environment.getattr(environment.getattr(l_1_mr, 'minimum'), 'exclude_topics'), ', '))
            yield '</span></p>\n    '
            yield escape(context.call((undefined(name='contributions') if l_0_contributions is missing else l_0_contributions), environment.getattr(l_1_mr, 'contributions'), markup_join(('Activities counted for ', (environment.getattr(environment.getattr(l_1_mr, 'minimum'), 'label') or 'minimum'), )), _loop_vars=_loop_vars))
            yield '\n'
            if environment.getattr(l_1_mr, 'excluded'):
                pass
                yield '    <h4>Excluded from this minimum</h4>\n    '
                yield escape(context.call((undefined(name='exclusions') if l_0_exclusions is missing else l_0_exclusions), environment.getattr(l_1_mr, 'excluded'), markup_join(('Activities excluded from ', (environment.getattr(environment.getattr(l_1_mr, 'minimum'), 'label') or 'minimum'), )), _loop_vars=_loop_vars))
                yield '\n'
            yield '  </div>\n'
        l_1_loop = l_1_mr = missing
        yield '</section>\n'
    yield '\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'caps'):
        pass
        yield '<section aria-labelledby="cap-h">\n  <h2 id="cap-h">Caps</h2>\n'
        for l_1_cr in environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'caps'):
            _loop_vars = {}
            pass
            yield '  <div class="card cap">\n    <h3>'
            yield escape(environment.getattr(environment.getattr(l_1_cr, 'cap'), 'topic'))
            yield '</h3>\n    <p>At most <strong>'
            yield escape(t_1(environment.getattr(l_1_cr, 'limit')))
            yield '</strong> credits may come from this topic'
            if (not t_10(environment.getattr(environment.getattr(l_1_cr, 'cap'), 'max_share'))):
                pass
                yield ' ('
                yield escape(t_1(environment.getattr(environment.getattr(l_1_cr, 'cap'), 'max_share')))
                yield ' × '
                yield escape(t_1(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'needed')))
                yield ')'
            yield '.\n      It brought '
            yield escape(t_1(environment.getattr(l_1_cr, 'topic_total')))
            yield '; '
            if environment.getattr(l_1_cr, 'capped'):
                pass
                yield '<strong>'
                yield escape(t_1(environment.getattr(l_1_cr, 'capped')))
                yield '</strong> cut from the total.'
            else:
                pass
                yield 'nothing cut.'
            yield '</p>\n    '
            yield escape(context.call((undefined(name='contributions') if l_0_contributions is missing else l_0_contributions), environment.getattr(l_1_cr, 'contributions'), markup_join(('Activities under the cap on ', environment.getattr(environment.getattr(l_1_cr, 'cap'), 'topic'), )), _loop_vars=_loop_vars))
            yield '\n  </div>\n'
        l_1_cr = missing
        yield '</section>\n'
    yield '\n<section aria-labelledby="counted-h">\n  <h2 id="counted-h">Activities counted</h2>\n  '
    yield escape(context.call((undefined(name='contributions') if l_0_contributions is missing else l_0_contributions), environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'contributions'), markup_join(('Activities counted toward ', environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'name'), )), _block_vars=_block_vars))
    yield '\n</section>\n\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'):
        pass
        yield '<section aria-labelledby="carry-h">\n  <h2 id="carry-h">Carried over from the previous period</h2>\n  <p>The previous period, <time datetime="'
        yield escape(context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'), 'start'), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'), 'start')))
        yield '</time> – <time datetime="'
        yield escape(context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'), 'end'), 'isoformat'), _block_vars=_block_vars))
        yield '">'
        yield escape(t_2(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'), 'end')))
        yield '</time>, earned '
        yield escape(t_1(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'), 'earned')))
        yield ' of its '
        yield escape(t_1(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'), 'needed')))
        yield ' under the same rules;\n'
        if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carried'):
            pass
            yield '<strong>'
            yield escape(t_1(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carried')))
            yield '</strong> of the excess (at most '
            yield escape(t_1(environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'), 'limit')))
            yield ") counts toward this period's total, never toward a minimum."
        else:
            pass
            yield 'nothing beyond what it needed carries over.'
        yield '</p>\n  '
        yield escape(context.call((undefined(name='contributions') if l_0_contributions is missing else l_0_contributions), environment.getattr(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'carry'), 'contributions'), 'Activities of the previous period', _block_vars=_block_vars))
        yield '\n</section>\n'
    yield '\n'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'excluded'):
        pass
        yield '<section aria-labelledby="excluded-h">\n  <h2 id="excluded-h">Activities in the window that do not count</h2>\n  '
        yield escape(context.call((undefined(name='exclusions') if l_0_exclusions is missing else l_0_exclusions), environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'excluded'), markup_join(('Activities excluded from ', environment.getattr((undefined(name='q') if l_0_q is missing else l_0_q), 'name'), )), _block_vars=_block_vars))
        yield '\n</section>\n'

blocks = {'title': block_title, 'content': block_content}
debug_info = '1=26&2=29&3=31&4=34&6=37&7=44&8=48&10=50&13=53&14=58&23=90&24=99&26=101&29=104&30=109&5=127&36=138&37=202&38=204&39=206&40=208&41=214&46=216&47=222&48=224&49=226&51=249&52=251&53=254&54=256&56=258&57=261&59=265&63=286&64=297&65=310&66=314&67=329&68=334&69=336&70=349&71=363&72=374&73=396&74=401&75=408&76=413&80=419&83=423&84=427&85=431&86=448&87=454&88=468&89=478&90=480&92=483&99=489&102=492&104=496&105=498&106=508&107=519&115=524&118=526&121=529&122=541&123=552&127=555&130=558'