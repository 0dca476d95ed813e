from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'index.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_m = missing
    pass
    parent_template = environment.get_template('base.html', 'index.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_m = context.vars['m'] = environment.get_template('macros.html', 'index.html').make_module(context.get_all(), True, {'m': l_0_m})
    context.exported_vars.discard('m')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'Dashboard'

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_profile = resolve('profile')
    l_0_as_of = resolve('as_of')
    l_0_site = resolve('site')
    l_0_ev = resolve('ev')
    l_0_m = resolve('m')
    l_0_root = resolve('root')
    l_0_c = missing
    try:
        t_1 = environment.filters['amount']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'amount' found.")
    try:
        t_2 = environment.filters['compact']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'compact' found.")
    try:
        t_3 = environment.filters['date']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'date' found.")
    try:
        t_4 = environment.filters['days']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'days' found.")
    try:
        t_5 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_6 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_7 = environment.filters['short']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'short' found.")
    try:
        t_8 = environment.filters['url']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'url' found.")
    try:
        t_9 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<section class="profile" aria-labelledby="who">\n  <div class="profile-main">\n    <h1 id="who">'
    yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'display_name'))
    yield '</h1>\n    <p class="lede">\n'
    if environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'specialty'):
        pass
        yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'specialty'))
    if environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'npi'):
        pass
        yield '<span class="sep" aria-hidden="true">·</span> NPI '
        yield escape(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'npi'))
    yield '    </p>\n'
    l_0_c = environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'contact')
    _block_vars['c'] = l_0_c
    if (environment.getattr(environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'site'), 'show_contact') and (((environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'email') or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'phone')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'address')) or environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'institution'))):
        pass
        yield '    <p class="contact">'
        def t_10(fiter):
            for l_1_part in fiter:
                if l_1_part:
                    yield l_1_part
        for l_1_part in t_10([environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'institution'), environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'address')]):
            _loop_vars = {}
            pass
            yield escape(l_1_part)
            yield '<br>'
        l_1_part = missing
        if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'email'):
            pass
            yield '<a href="mailto:'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'email'))
            yield '">'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'email'))
            yield '</a>'
        if (environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'email') and environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'phone')):
            pass
            yield ' <span class="sep" aria-hidden="true">·</span> '
        if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'phone'):
            pass
            yield '<a href="tel:'
            yield escape(t_6(context.eval_ctx, environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'phone'), ' ', ''))
            yield '">'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'phone'))
            yield '</a>'
        yield '</p>\n'
    yield '    <p class="asof">CME record as of <time datetime="'
    yield escape(context.call(environment.getattr((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of), 'isoformat'), _block_vars=_block_vars))
    yield '">'
    yield escape(t_3((undefined(name='as_of') if l_0_as_of is missing else l_0_as_of)))
    yield '</time></p>\n  </div>\n'
    if (environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'licenses') or environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'board_certifications')):
        pass
        yield '  <dl class="credentials">\n'
        for l_1_lic in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'licenses'):
            _loop_vars = {}
            pass
            yield '    <div class="credential">\n      <dt>'
            yield escape(environment.getattr(l_1_lic, 'state'))
            yield ' medical license</dt>\n      <dd><span class="mono">'
            yield escape(environment.getattr(l_1_lic, 'number'))
            yield '</span>'
            if environment.getattr(l_1_lic, 'expires'):
                pass
                yield '<br><span class="'
                yield escape(('warn' if ((not t_9(environment.getattr(l_1_lic, 'days_left'))) and (environment.getattr(l_1_lic, 'days_left') < 90)) else 'muted'))
                yield '">expires <time datetime="'
                yield escape(context.call(environment.getattr(environment.getattr(l_1_lic, 'expires'), 'isoformat'), _loop_vars=_loop_vars))
                yield '">'
                yield escape(t_3(environment.getattr(l_1_lic, 'expires')))
                yield '</time>'
                if (environment.getattr(l_1_lic, 'days_left') < 0):
                    pass
                    yield ' (expired)'
                yield '</span>'
            yield '</dd>\n    </div>\n'
        l_1_lic = missing
        for l_1_b in environment.getattr((undefined(name='profile') if l_0_profile is missing else l_0_profile), 'board_certifications'):
            _loop_vars = {}
            pass
            yield '    <div class="credential">\n      <dt>'
            yield escape(environment.getattr(l_1_b, 'board'))
            yield ' certification</dt>\n      <dd>'
            yield escape((environment.getattr(l_1_b, 'specialty') or ''))
            if environment.getattr(l_1_b, 'expires'):
                pass
                yield '<br><span class="muted">valid through <time datetime="'
                yield escape(context.call(environment.getattr(environment.getattr(l_1_b, 'expires'), 'isoformat'), _loop_vars=_loop_vars))
                yield '">'
                yield escape(t_3(environment.getattr(l_1_b, 'expires')))
                yield '</time></span>'
            yield '</dd>\n    </div>\n'
        l_1_b = missing
        yield '  </dl>\n'
    yield '</section>\n\n<section aria-labelledby="totals-h" class="stats">\n  <h2 id="totals-h" class="visually-hidden">Totals</h2>\n  <ul class="stat-grid">\n'
    for (l_1_type, l_1_total) in context.call(environment.getattr(environment.getattr((undefined(name='ev') if l_0_ev is missing else l_0_ev), 'totals'), 'items'), _block_vars=_block_vars):
        _loop_vars = {}
        pass
        yield '    <li class="stat"><span class="stat-value">'
        yield escape(t_1(l_1_total))
        yield '</span><span class="stat-label">'
        yield escape(l_1_type)
        yield ', documented</span></li>\n'
    l_1_type = l_1_total = missing
    for l_1_g in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'states'):
        _loop_vars = {}
        pass
        yield '    <li class="stat stat-small stat-'
        yield escape(environment.getattr(l_1_g, 'state'))
        yield '"><span class="stat-value">'
        yield escape(environment.getattr(l_1_g, 'count'))
        yield '</span><span class="stat-label">'
        yield escape(environment.getattr(l_1_g, 'label'))
        yield ' '
        yield escape(('activity' if (environment.getattr(l_1_g, 'count') == 1) else 'activities'))
        yield '</span></li>\n'
    l_1_g = missing
    yield '  </ul>\n</section>\n\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'requirements'):
        pass
        yield '<section aria-labelledby="req-h">\n  <h2 id="req-h">Requirements</h2>\n  <ul class="req-grid">\n'
        l_1_loop = missing
        for l_1_req, l_1_loop in LoopContext(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'requirements'), undefined):
            l_1_r = missing
            _loop_vars = {}
            pass
            l_1_r = environment.getattr(l_1_req, 'result')
            _loop_vars['r'] = l_1_r
            yield '    <li class="req-card req-'
            yield escape(environment.getattr(l_1_req, 'state'))
            yield '">\n      <div class="req-head">\n        <h3><a href="'
            yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
            yield escape(t_8(environment.getattr(l_1_req, 'page')))
            yield '">'
            yield escape(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'requirement'), 'name'))
            yield '</a></h3>\n        '
            yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'req_badge'), l_1_req, _loop_vars=_loop_vars))
            yield '\n      </div>\n'
            if environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'requirement'), 'authority'):
                pass
                yield '<p class="sub">'
                yield escape(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'requirement'), 'authority'))
                yield '</p>'
            if (not environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'applies')):
                pass
                yield '      <p class="req-figures">Does not apply to you: '
                yield escape(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'reason'))
                yield '.</p>\n'
            else:
                pass
                yield '      '
                yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'meter'), environment.getattr(l_1_req, 'percent'), environment.getattr(l_1_req, 'state'), markup_join((environment.getattr(l_1_req, 'figures'), ', ', environment.getattr(l_1_req, 'label'), )), _loop_vars=_loop_vars))
                yield '\n      <p class="req-figures">'
                yield escape(environment.getattr(l_1_req, 'figures'))
                if environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'remaining'):
                    pass
                    yield ' · <span class="remaining">'
                    yield escape(t_1(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'remaining')))
                    yield ' to go</span>'
                if environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'remaining_activities'):
                    pass
                    yield ' · <span class="remaining">'
                    yield escape(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'remaining_activities'))
                    yield ' more '
                    yield escape(('activity' if (environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'remaining_activities') == 1) else 'activities'))
                    yield '</span>'
                if environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'carried'):
                    pass
                    yield ' <span class="sub">(includes '
                    yield escape(t_1(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'carried')))
                    yield ' carried over)</span>'
                yield '</p>\n'
            if ((environment.getattr(l_1_req, 'unmet') and (not environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'remaining'))) and (not environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'remaining_activities'))):
                pass
                yield '<p class="req-note">Total reached; '
                yield escape(('minimum' if (t_5(environment.getattr(l_1_req, 'unmet')) == 1) else 'minimums'))
                yield ' still short: '
                l_2_loop = missing
                for (l_2_anchor, l_2_mr), l_2_loop in LoopContext(environment.getattr(l_1_req, 'unmet'), undefined):
                    _loop_vars = {}
                    pass
                    yield escape((environment.getattr(environment.getattr(l_2_mr, 'minimum'), 'label') or 'minimum'))
                    yield ' ('
                    yield escape(t_7(l_2_mr))
                    yield ')'
                    yield escape((', ' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 70 in 'index.html' evaluated to false and no else section was defined.")))
                l_2_loop = l_2_anchor = l_2_mr = missing
                yield '.</p>'
            if (environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'minimums') and environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'applies')):
                pass
                yield '      <ul class="min-list">\n'
                for l_2_mr in environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'minimums'):
                    _loop_vars = {}
                    pass
                    if (not environment.getattr(l_2_mr, 'applies')):
                        pass
                        yield '        <li class="ok">'
                        yield escape((environment.getattr(environment.getattr(l_2_mr, 'minimum'), 'label') or 'Minimum'))
                        yield ': does not apply</li>\n'
                    else:
                        pass
                        yield '        <li class="with-icon '
                        yield escape(('ok' if environment.getattr(l_2_mr, 'met') else 'todo'))
                        yield '">'
                        yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'icon'), ('met' if environment.getattr(l_2_mr, 'met') else ('overdue' if (environment.getattr(l_1_req, 'state') == 'overdue') else 'in-progress')), _loop_vars=_loop_vars))
                        yield '<span class="icon-text">'
                        yield escape((environment.getattr(environment.getattr(l_2_mr, 'minimum'), 'label') or 'Minimum'))
                        yield ': '
                        yield escape(t_2(l_2_mr))
                        if environment.getattr(l_2_mr, 'met'):
                            pass
                            yield ' <span class="visually-hidden">(met)</span>'
                        else:
                            pass
                            yield ' <span class="visually-hidden">(not met)</span>'
                        yield '</span></li>\n'
                l_2_mr = missing
                yield '      </ul>\n'
            yield '      <p class="req-due sub">\n'
            if (not environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'applies')):
                pass
                yield 'Not owed\n'
            elif environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'due'):
                pass
                yield 'Due <time datetime="'
                yield escape(context.call(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'due'), 'isoformat'), _loop_vars=_loop_vars))
                yield '">'
                yield escape(t_3(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'due')))
                yield '</time> ('
                yield escape(t_4(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'days_left')))
                yield ')\n'
            elif environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'start'):
                pass
                yield 'Rolling window: <time datetime="'
                yield escape(context.call(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'start'), 'isoformat'), _loop_vars=_loop_vars))
                yield '">'
                yield escape(t_3(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'start')))
                yield '</time> – <time datetime="'
                yield escape(context.call(environment.getattr(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'end'), 'isoformat'), _loop_vars=_loop_vars))
                yield '">'
                yield escape(t_3(environment.getattr((undefined(name='r') if l_1_r is missing else l_1_r), 'end')))
                yield '</time>\n'
            else:
                pass
                yield 'One-time requirement'
            yield '      </p>\n    </li>\n'
        l_1_loop = l_1_req = l_1_r = missing
        yield '  </ul>\n</section>\n'
    yield '\n<div class="two-col">\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'chart'):
        pass
        yield '<section aria-labelledby="chart-h">\n  <h2 id="chart-h">Documented credits per year</h2>\n'
        template = environment.get_template('chart.html', 'index.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'c': l_0_c}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        yield '</section>\n'
    yield '\n<section aria-labelledby="pending-h">\n  <h2 id="pending-h">Pending claims</h2>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'pending'):
        pass
        yield '  <ul class="pending-list">\n'
        for l_1_v in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'pending'):
            _loop_vars = {}
            pass
            yield '    <li class="'
            yield escape(('is-overdue' if environment.getattr(l_1_v, 'overdue') else ''))
            yield '">\n      '
            yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'state_badge'), l_1_v, _loop_vars=_loop_vars))
            yield '\n      <div>'
            yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'activity_link'), environment.getattr(l_1_v, 'activity'), _loop_vars=_loop_vars))
            yield '\n      <div class="sub">'
            if environment.getattr(environment.getattr(l_1_v, 'activity'), 'claim_by'):
                pass
                yield 'Claim by <time datetime="'
                yield escape(context.call(environment.getattr(environment.getattr(environment.getattr(l_1_v, 'activity'), 'claim_by'), 'isoformat'), _loop_vars=_loop_vars))
                yield '">'
                yield escape(t_3(environment.getattr(environment.getattr(l_1_v, 'activity'), 'claim_by')))
                yield '</time> — <strong>'
                if environment.getattr(l_1_v, 'overdue'):
                    pass
                    yield 'deadline passed '
                    yield escape(t_4(environment.getattr(l_1_v, 'days_to_claim')))
                else:
                    pass
                    yield escape(t_4(environment.getattr(l_1_v, 'days_to_claim')))
                yield '</strong>'
            else:
                pass
                yield 'No claim deadline recorded'
            if environment.getattr(environment.getattr(l_1_v, 'activity'), 'credits'):
                pass
                yield ' · '
                yield escape(t_1(environment.getattr(environment.getitem(environment.getattr(environment.getattr(l_1_v, 'activity'), 'credits'), 0), 'amount')))
                yield ' '
                yield escape(environment.getattr(environment.getitem(environment.getattr(environment.getattr(l_1_v, 'activity'), 'credits'), 0), 'type'))
            yield '</div></div>\n    </li>\n'
        l_1_v = missing
        yield '  </ul>\n'
    else:
        pass
        yield '  <p class="muted">No claims waiting.</p>\n'
    yield '</section>\n</div>\n\n<section aria-labelledby="recent-h">\n  <h2 id="recent-h">Recent activities</h2>\n  '
    yield escape(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'activity_table'), environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'recent'), 'Recent activities', _block_vars=_block_vars))
    yield '\n  <p><a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'archive.html">All '
    yield escape(t_5(environment.getattr((undefined(name='ev') if l_0_ev is missing else l_0_ev), 'activities')))
    yield ' activities by year →</a></p>\n</section>\n'

blocks = {'title': block_title, 'content': block_content}
debug_info = '1=13&2=16&3=20&4=30&7=100&9=102&10=105&12=110&13=112&15=115&16=125&17=132&18=135&20=144&22=148&24=151&26=155&27=157&30=174&32=178&33=180&43=192&44=196&46=201&47=205&52=215&56=219&57=223&58=226&60=228&61=233&63=235&64=240&65=243&67=248&68=250&70=269&71=285&73=288&74=291&75=294&77=299&83=316&84=319&85=328&95=346&98=349&104=357&106=360&107=364&108=366&109=368&110=370&122=401&123=403'